package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample night in {@code samples/drop/gestimmo}, sent again by other partners, changed where a test says. */
final class SampleDrop {

    static final String DATE = "20261123";
    private static final Path DROP = Path.of("../samples/drop/gestimmo");

    private final Path work;

    /** @param work where the partners' files are written, one folder a partner */
    SampleDrop(Path work) {
        this.work = work;
    }

    /** The sample's file of that loader, as {@code partner} sends it. */
    ObjectNode read(String partner, String loader) throws IOException {
        ObjectNode file = (ObjectNode) ContractJson.partnerFileMapper().readTree(
                DROP.resolve(loader + "_" + DATE + ".json").toFile());
        file.put("partner_id", partner);
        return file;
    }

    /** The sample's file of that loader, as {@code partner} sends it, written under {@code work/partner/}. */
    Path sample(String partner, String loader) throws IOException {
        return write(read(partner, loader), partner, loader);
    }

    /** Writes a partner file under {@code work/partner/}, named {@code stem}.json, or {@code loader_DATE}.json. */
    Path write(ObjectNode file, String partner, String stem) throws IOException {
        String name = stem.contains("_") ? stem + ".json" : stem + "_" + DATE + ".json";
        Path path = Files.createDirectories(work.resolve(partner)).resolve(name);
        ContractJson.partnerFileMapper().writeValue(path.toFile(), file);
        return path;
    }

    static JsonNode firstOfType(ObjectNode file, String type) {
        for (JsonNode record : file.get("records")) {
            if (record.path("type").asText().equals(type)) {
                return record;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }
}
