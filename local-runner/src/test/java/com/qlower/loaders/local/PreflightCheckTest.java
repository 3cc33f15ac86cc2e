package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./loaders validate} refuses what the transformer refuses, offline. */
class PreflightCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void anErasureRequest_forAnOwnerTheSameFileSends_isRefused_asThePipelineRefusesIt(@TempDir Path folder)
            throws Exception {
        Path file = caracteristiquesErasing(folder, "GI-OWN-000412");

        int status = validate(file);

        assertThat(status).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(stdout()).contains("INVALID", "ERASURE_CONFLICT /records/5/owner_external_id: this file also "
                + "sends owner GI-OWN-000412");
    }

    @Test
    void anErasureRequest_forAnOwnerTheFileDoesNotSend_isValid(@TempDir Path folder) throws Exception {
        Path file = caracteristiquesErasing(folder, "GI-OWN-999999");

        int status = validate(file);

        assertThat(status).as(stdout()).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).doesNotContain("ERASURE_CONFLICT");
    }

    private int validate(Path file) {
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new PreflightCheck(printed, printed).execute(List.of("--lang", "en", file.toString()));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Gestimmo's sample caracteristiques file as a delta, with an erasure request after its five records. */
    private static Path caracteristiquesErasing(Path folder, String owner) throws Exception {
        ObjectNode file = (ObjectNode) ContractJson.internalMapper().readTree(
                Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json").toFile());
        ((ArrayNode) file.get("records")).addObject().put("type", "erasure_request")
                .put("owner_external_id", owner).put("reference", "RGPD-1")
                .put("requested_at", "2026-11-22T10:00:00+01:00");
        file.put("record_count", file.get("records").size());
        file.put("mode", "delta");
        Path written = Files.createDirectories(folder.resolve("gestimmo")).resolve("caracteristiques_20261123.json");
        Files.writeString(written, file.toPrettyString());
        return written;
    }
}
