package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sample night's files ({@code samples/…/{partner}/{loader}_{date}.json}) as another partner sends them: read,
 * edited by a test, written under a work folder for the pipeline to pick up.
 *
 * @param folder the sample partner's folder
 * @param date the night's {@code YYYYMMDD}
 * @param work where the tests' files are written, one folder per partner
 */
record SampleNight(Path folder, String date, Path work) {

    /** The sample drop's night, {@code samples/drop/gestimmo}, of 2026-11-23. */
    static SampleNight drop(Path work) {
        return new SampleNight(Path.of("../samples/drop/gestimmo"), "20261123", work);
    }

    /** The inbox key of a partner's file of that loader, that night. */
    String key(String partner, String loader) {
        return "inbox/" + partner + "/" + loader + "_" + date + ".json";
    }

    /** The night's file of that loader, unchanged but for its partner. */
    Path sample(String partner, String loader) throws IOException {
        return write(read(loader, partner), partner, loader);
    }

    /** The night's file of that loader, as the given partner sends it, for a test to edit. */
    ObjectNode read(String loader, String partner) throws IOException {
        ObjectNode file = (ObjectNode) ContractJson.partnerFileMapper().readTree(
                folder.resolve(loader + "_" + date + ".json").toFile());
        file.put("partner_id", partner);
        return file;
    }

    /** Writes a partner file under {@code work/partner/}, named {@code stem}.json, or {@code loader_date}.json. */
    Path write(ObjectNode file, String partner, String stem) throws IOException {
        String name = stem.contains("_") ? stem + ".json" : stem + "_" + date + ".json";
        Path path = Files.createDirectories(work.resolve(partner)).resolve(name);
        ContractJson.partnerFileMapper().writerWithDefaultPrettyPrinter().writeValue(path.toFile(), file);
        return path;
    }

    /** The first record of that type in a partner file. */
    static JsonNode firstOfType(ObjectNode file, String type) {
        for (JsonNode record : file.get("records")) {
            if (record.path("type").asText().equals(type)) {
                return record;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }
}
