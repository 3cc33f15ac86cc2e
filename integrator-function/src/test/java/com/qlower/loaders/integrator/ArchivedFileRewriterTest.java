package com.qlower.loaders.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An archived partner file rewritten without an erased owner's records: still a valid file, nothing else lost. */
class ArchivedFileRewriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FILE = """
            {"schema_version": "1.0", "partner_id": "gestimmo", "loader": "caracteristiques", "mode": "snapshot",
             "record_count": 6, "records": [
              {"type": "owner", "external_id": "O-ERASED", "last_name": "Rousseau"},
              {"type": "owner", "external_id": "O-KEPT", "last_name": "Garnier"},
              {"type": "property", "external_id": "P-1", "owner_external_id": "O-ERASED"},
              {"type": "property", "external_id": "P-2", "owner_external_id": "O-KEPT"},
              {"type": "transaction", "external_id": "T-1", "property_external_id": "P-1"},
              {"type": "document", "external_id": "D-2", "property_external_id": "P-2"}
             ], "generated_at": "2026-11-23T02:10:42+01:00"}""";

    @Test
    void rewrite_removesTheOwner_theirProperties_andWhatHangsOnThem_andKeepsTheRestInOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long removed = ArchivedFileRewriter.rewrite(in(FILE), out,
                ArchivedFileRewriter.recordsOf("O-ERASED", Set.of("P-1")));

        JsonNode rewritten = JSON.readTree(out.toByteArray());
        assertThat(removed).isEqualTo(3);
        assertThat(ids(rewritten)).containsExactly("O-KEPT", "P-2", "D-2");
        assertThat(rewritten.get("record_count").asLong()).as("follows the records").isEqualTo(3);
        assertThat(rewritten.get("partner_id").asText()).isEqualTo("gestimmo");
        assertThat(rewritten.get("generated_at").asText()).as("the envelope after the records is kept too")
                .isEqualTo("2026-11-23T02:10:42+01:00");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Rousseau");
    }

    @Test
    void propertiesAreMatched_byTheirOwner_evenWhenTheErasureDidNotListThem() {
        var erase = ArchivedFileRewriter.recordsOf("O-ERASED", Set.of());

        assertThat(erase.test(node("{\"type\": \"property\", \"external_id\": \"P-9\", "
                + "\"owner_external_id\": \"O-ERASED\"}"))).isTrue();
        assertThat(erase.test(node("{\"type\": \"owner\", \"external_id\": \"O-KEPT\"}"))).isFalse();
        assertThat(erase.test(node("{\"type\": \"transaction\", \"external_id\": \"O-ERASED\", "
                + "\"property_external_id\": \"P-2\"}"))).as("an id equal to the owner's, of another kind")
                .isFalse();
    }

    @Test
    void aFileWithoutRecordCount_isRewrittenWithoutOne() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ArchivedFileRewriter.rewrite(in("{\"records\": [{\"type\": \"owner\", \"external_id\": \"O-ERASED\"}]}"), out,
                ArchivedFileRewriter.recordsOf("O-ERASED", Set.of()));

        JsonNode rewritten = JSON.readTree(out.toByteArray());
        assertThat(rewritten.has("record_count")).isFalse();
        assertThat(rewritten.get("records")).isEmpty();
    }

    @Test
    void somethingOtherThanAJsonObject_isRefused() {
        assertThatThrownBy(() -> ArchivedFileRewriter.rewrite(in("[1, 2]"), new ByteArrayOutputStream(),
                ArchivedFileRewriter.recordsOf("O", Set.of()))).isInstanceOf(IOException.class)
                .hasMessageContaining("JSON object");
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> ids(JsonNode file) {
        List<String> ids = new ArrayList<>();
        file.get("records").forEach(r -> ids.add(r.get("external_id").asText()));
        return ids;
    }
}
