package com.qlower.loaders.integrator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites an archived partner file without the records of an erased owner: their owner record, their properties,
 * and the transactions and documents of those properties. The envelope stays valid ({@code record_count} follows),
 * so the file can still be processed again. Streams: memory does not grow with the file; the kept records go
 * through a temporary file, since the count comes before them.
 */
final class ArchivedFileRewriter {

    private static final ObjectMapper JSON = ContractJson.partnerFileMapper();

    private ArchivedFileRewriter() {
    }

    /** The records that carry the owner's data. */
    static Predicate<JsonNode> recordsOf(String ownerExternalId, Set<String> propertyExternalIds) {
        return record -> {
            String type = record.path("type").asText("");
            return type.equals("owner") && ownerExternalId.equals(record.path("external_id").asText())
                    || type.equals("property") && (ownerExternalId.equals(record.path("owner_external_id").asText())
                            || propertyExternalIds.contains(record.path("external_id").asText()))
                    || propertyExternalIds.contains(record.path("property_external_id").asText());
        };
    }

    /**
     * Writes {@code in} to {@code out} without the records {@code erase} matches.
     *
     * @return how many records were removed
     */
    static long rewrite(InputStream in, OutputStream out, Predicate<JsonNode> erase) throws IOException {
        ObjectNode envelope = JSON.createObjectNode();
        Path kept = Files.createTempFile("archived-records-", ".json");
        try {
            long keptCount = 0;
            long removed = 0;
            try (JsonParser parser = JSON.createParser(in);
                 JsonGenerator records = JSON.createGenerator(Files.newOutputStream(kept))) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("an archived partner file is a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("records") && parser.currentToken() == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            JsonNode record = JSON.readTree(parser);
                            if (erase.test(record)) {
                                removed++;
                            } else {
                                records.writeTree(record);
                                keptCount++;
                            }
                        }
                    } else {
                        envelope.set(name, JSON.readTree(parser));
                    }
                }
            }
            if (envelope.has("record_count")) {
                envelope.put("record_count", keptCount);
            }
            try (JsonGenerator file = JSON.createGenerator(out);
                 MappingIterator<JsonNode> records = JSON.readerFor(JsonNode.class).readValues(kept.toFile())) {
                file.writeStartObject();
                for (var field : envelope.properties()) {
                    file.writeFieldName(field.getKey());
                    file.writeTree(field.getValue());
                }
                file.writeArrayFieldStart("records");
                while (records.hasNext()) {
                    file.writeTree(records.next());
                }
                file.writeEndArray();
                file.writeEndObject();
            }
            return removed;
        } finally {
            try {
                Files.deleteIfExists(kept);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
