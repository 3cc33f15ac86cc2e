package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.RecordValidator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The validator with its {@link com.qlower.loaders.contract.SchemaShortcut} reads every record exactly as the full
 * schema walk alone does (the record it stages, every error, its code, message and place): on every record of the
 * sample files, of every file of the bad-file corpus, and of each sample record with each of its fields (and of
 * fields it lacks) removed, nulled or replaced by values of every kind, at and across the schemas' bounds; and
 * reads every envelope of those files, and the samples' envelopes so changed, alike.
 */
@Slow(seconds = 9)
class ContractShortcutAgreementTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RecordValidator withShortcut = new RecordValidator(CLOCK);
    private final RecordValidator schemaOnly = RecordValidator.schemaOnly(CLOCK);
    private long compared;

    @Test
    void everyRecordOfTheSamplesAndOfTheCorpus_isReadAlike() throws Exception {
        List<JsonNode> files = sampleFiles();
        List<BadFileCorpusTest.Case> corpus = BadFileCorpusTest.corpus().toList();
        corpus.forEach(c -> parse(c.content()).ifPresent(files::add));

        for (JsonNode file : files) {
            for (int i = 0; i < file.path("records").size(); i++) {
                compare(loaderOf(file), i, file.path("records").get(i));
            }
        }
        assertThat(files.size()).isGreaterThan(corpus.size() / 2);
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void everyFieldOfEverySampleRecord_removedNulledOrReplaced_isReadAlike() throws Exception {
        for (JsonNode file : sampleFiles()) {
            Loader loader = loaderOf(file);
            if (loader == null) {
                continue;
            }
            for (JsonNode record : file.path("records")) {
                if (record.isObject()) {
                    mutate(loader, (ObjectNode) record);
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    /**
     * The envelopes too, as the reader hands them over (with an empty {@code records} array, or none where the file
     * has none): every sample's and corpus file's, and the samples' with each field removed or replaced.
     */
    @Test
    void everyEnvelopeOfTheSamplesAndOfTheCorpus_andTheirMutations_areReadAlike() throws Exception {
        List<JsonNode> files = sampleFiles();
        int samples = files.size();
        BadFileCorpusTest.corpus().forEach(c -> parse(c.content()).ifPresent(files::add));

        for (int i = 0; i < files.size(); i++) {
            ObjectNode envelope = files.get(i).deepCopy();
            if (envelope.has("records")) {
                envelope.putArray("records");
            }
            compareEnvelope(envelope);
            if (i < samples) {
                mutateEnvelope(envelope);
            }
        }
        assertThat(compared).isGreaterThan(1_000);
    }

    private void mutateEnvelope(ObjectNode envelope) {
        List<String> names = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        names.add("colour");
        List<JsonNode> values = values();
        for (String text : List.of("2026-11-23T02:12:18.5+01:00", "2026-11-23T02:12:18.123456789Z",
                "2026-11-23T02:12:18.1234567891Z", "2026-11-23T02:12:18-00:00", "2026-11-23T02:12:18+17:59",
                "2026-11-23T02:12:18+18:00", "2026-11-23T02:12:18+18:01", "2026-11-23t02:12:18z",
                "2026-11-23 02:12:18Z", "2026-11-23T24:00:00Z", "2026-12-31T23:59:60Z", "2016-12-31T23:59:60Z",
                "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "2026-11-23T02:12Z",
                "2026-11-23T02:12:18+0100", "2026-11-23T02:12:18", "delta", "snapshot", "1.0", "1.1", "gestimmo",
                "transactions", "documents", "caracteristiques")) {
            values.add(NODES.textNode(text));
        }
        values.add(NODES.numberNode(new BigDecimal("0.0")));
        values.add(NODES.numberNode(new BigDecimal("1E+1")));
        for (String name : names) {
            ObjectNode removed = envelope.deepCopy();
            removed.remove(name);
            compareEnvelope(removed);
            for (JsonNode value : values) {
                compareEnvelope(envelope.deepCopy().set(name, value));
            }
        }
    }

    private void compareEnvelope(ObjectNode envelope) {
        Loader loader = loaderOf(envelope);
        for (Loader any : loader == null ? List.of(Loader.values()) : List.of(loader)) {
            assertThat(withShortcut.validateEnvelope(any, envelope)).as("%s envelope %s", any, envelope)
                    .isEqualTo(schemaOnly.validateEnvelope(any, envelope));
            compared++;
        }
    }

    private void mutate(Loader loader, ObjectNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        names.addAll(List.of("colour", "action", "category", "bank_account_iban", "line2", "siren", "phone",
                "transaction_external_id", "land_share_pct"));
        for (String name : names) {
            ObjectNode removed = record.deepCopy();
            removed.remove(name);
            compare(loader, 7, removed);
            for (JsonNode value : values()) {
                ObjectNode changed = record.deepCopy();
                changed.set(name, value);
                compare(loader, 7, changed);
            }
        }
        if (record.path("address").isObject()) {
            List<String> addressFields = new ArrayList<>();
            record.path("address").fieldNames().forEachRemaining(addressFields::add);
            addressFields.add("line3");
            for (String name : addressFields) {
                for (JsonNode value : values()) {
                    ObjectNode changed = record.deepCopy();
                    ((ObjectNode) changed.path("address")).set(name, value);
                    compare(loader, 7, changed);
                }
            }
        }
    }

    /** Values of every JSON kind, at and across the contract's bounds. */
    private static List<JsonNode> values() {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.nullNode());
        for (String text : List.of("", " ", "x", "retire", "upsert", "person", "company", "owner", "property",
                "rent", "EUR", "eur", "2026-11-23", "2026-02-30", "2026-1-1", "2026-11-23T02:00:00Z", "12.5",
                "-12.345", "1e3", "100000000000000", "FR7630004012340001234567862", "FR76300040123400012345678",
                "a@b.fr", "not an email", "+33 6 39 98 12 34", "914528732", "TRX.1:a-b_c", "with space",
                "x".repeat(64), "x".repeat(65), "x".repeat(100), "x".repeat(101), "x".repeat(200),
                "x".repeat(201), "x".repeat(500), "x".repeat(501), "é".repeat(100), "\uD83C\uDFE0".repeat(100),
                "\uD83C\uDFE0".repeat(60), "abc\n", "application/pdf", "invoice", "0", "15728640", "15728641",
                "0".repeat(64), "JVBERi0xLjQ=", "!!!")) {
            values.add(NODES.textNode(text));
        }
        for (long number : List.of(0L, 1L, -1L, 100L, 101L, 15_728_640L, 15_728_641L, 914_528_732L)) {
            values.add(NODES.numberNode(number));
        }
        values.add(NODES.numberNode(1.0));
        values.add(NODES.numberNode(12.5));
        values.add(NODES.numberNode(-0.001));
        values.add(NODES.numberNode(new BigDecimal("100.00")));
        values.add(NODES.numberNode(new BigDecimal("1234567890123.45")));
        values.add(NODES.booleanNode(true));
        values.add(NODES.objectNode());
        values.add(NODES.objectNode().put("line1", "1 rue X").put("postal_code", "69001").put("city", "Lyon")
                .put("country", "FR"));
        values.add(NODES.arrayNode());
        values.add(NODES.arrayNode().add("x"));
        return values;
    }

    private void compare(Loader loader, long index, JsonNode record) {
        if (loader == null) {
            for (Loader any : Loader.values()) {
                compare(any, index, record);
            }
            return;
        }
        RecordValidator.ReadRecord expected = schemaOnly.read(loader, index, record);
        RecordValidator.ReadRecord actual = withShortcut.read(loader, index, record);
        assertThat(actual).as("%s record %s", loader, record).isEqualTo(expected);
        compared++;
    }

    /** Every sample file that is a JSON object. */
    private static List<JsonNode> sampleFiles() throws IOException {
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> samples = Files.walk(Path.of("../samples"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".json")).toList()) {
                parse(Files.readAllBytes(sample)).ifPresent(files::add);
            }
        }
        return files;
    }

    private static Loader loaderOf(JsonNode file) {
        return Loader.fromWireName(file.path("loader").asText("")).orElse(null);
    }

    private static Optional<JsonNode> parse(byte[] content) {
        try {
            JsonNode file = ContractJson.partnerFileMapper().readTree(content);
            return file != null && file.isObject() ? Optional.of(file) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not JSON: no record to compare
        }
    }
}
