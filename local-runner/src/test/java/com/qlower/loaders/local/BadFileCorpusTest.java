package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a partner's file can be wrong, through the whole pipeline: each ends with the error code and location
 * the partner needs, nothing stored changes (database rows, document objects), and a good file processed right
 * after still succeeds.
 */
@Slow(seconds = 8)
class BadFileCorpusTest {

    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final String DATE = "20261201";
    private static final String TRANSACTIONS_KEY = "inbox/gestimmo/transactions_" + DATE + ".json";
    private static final String CARACTERISTIQUES_KEY = "inbox/gestimmo/caracteristiques_" + DATE + ".json";
    private static final String DOCUMENTS_KEY = "inbox/gestimmo/documents_" + DATE + ".json";

    /**
     * A registered partner: its folder's files are read, and a key naming it beside another envelope's id is an
     * envelope mismatch, not an unknown partner.
     */
    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet().withPartners("gestimmo", "autre-partenaire");
    private static Path goodTransactions;

    @TempDir
    static Path work;

    /** A bad file and what the partner must be told: the first error that names the problem, and where. */
    record Case(String name, String key, byte[] content, ErrorCode code, String pointer, boolean located) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void loadTheGoodDrop() throws Exception {
        goodTransactions = write("good-transactions.json", transactions(file -> { }));
        for (var good : List.of(Map.entry(CARACTERISTIQUES_KEY, write("c.json", caracteristiques(f -> { }))),
                Map.entry(TRANSACTIONS_KEY, goodTransactions),
                Map.entry(DOCUMENTS_KEY, write("d.json", documents(f -> { }))))) {
            assertThat(pipeline.get().submit(good.getKey(), good.getValue()).report().outcome())
                    .as(good.getKey()).isEqualTo(FileOutcome.SUCCEEDED);
        }
    }

    static Stream<Case> corpus() throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] good = goodTransactions();
        String text = new String(good, StandardCharsets.UTF_8);
        // the key
        cases.add(fileCase("key with a wrong pattern", "inbox/gestimmo/transactions-" + DATE + ".json", good,
                ErrorCode.KEY_INVALID));
        cases.add(fileCase("key with an unknown loader", "inbox/gestimmo/factures_" + DATE + ".json", good,
                ErrorCode.KEY_UNKNOWN_LOADER));
        cases.add(fileCase("key with an impossible date", "inbox/gestimmo/transactions_20260231.json", good,
                ErrorCode.KEY_INVALID_DATE));
        cases.add(pointerCase("key date differs from the envelope", "inbox/gestimmo/transactions_20261202.json",
                good, ErrorCode.ENVELOPE_KEY_MISMATCH, "/snapshot_date"));
        cases.add(pointerCase("key partner differs from the envelope", "inbox/autre-partenaire/transactions_"
                + DATE + ".json", good, ErrorCode.ENVELOPE_KEY_MISMATCH, "/partner_id"));
        cases.add(fileCase("key with spaces, a plus and accents", "inbox/gestimmo/relevé de décembre+1.json", good,
                ErrorCode.KEY_INVALID));
        cases.add(fileCase("key with ..", "inbox/gestimmo/../gestimmo/transactions_" + DATE + ".json", good,
                ErrorCode.KEY_INVALID));
        // the bytes
        cases.add(fileCase("empty file", TRANSACTIONS_KEY, new byte[0], ErrorCode.FILE_EMPTY));
        cases.add(fileCase("whitespace only", TRANSACTIONS_KEY, " \n\t\r\n".getBytes(StandardCharsets.UTF_8),
                ErrorCode.FILE_EMPTY));
        cases.add(fileCase("UTF-16 with a BOM", TRANSACTIONS_KEY, utf16(text), ErrorCode.ENCODING_NOT_UTF8));
        cases.add(fileCase("UTF-32", TRANSACTIONS_KEY, text.getBytes(java.nio.charset.Charset.forName("UTF-32BE")),
                ErrorCode.ENCODING_NOT_UTF8));
        cases.add(fileCase("invalid UTF-8 in a label", TRANSACTIONS_KEY,
                replace(good, "\"label\"", new byte[] {'"', 'l', 'a', 'b', 'e', 'l', (byte) 0xC0, (byte) 0xAF, '"'}),
                ErrorCode.INVALID_UTF8));
        // the JSON
        cases.add(syntaxCase("truncated JSON", text.substring(0, text.length() / 2), ErrorCode.JSON_TRUNCATED));
        cases.add(syntaxCase("content after the envelope", text + "\n{}", ErrorCode.JSON_TRAILING_CONTENT));
        cases.add(syntaxCase("duplicate keys", text.replaceFirst("\"mode\"", "\"mode\": \"delta\", \"mode\""),
                ErrorCode.JSON_DUPLICATE_KEY));
        cases.add(syntaxCase("nesting 10,000 deep", text.replaceFirst("\"records\"\\s*:\\s*\\[",
                "\"records\": [" + "[".repeat(10_000) + "]".repeat(10_000) + ","), ErrorCode.JSON_LIMIT_EXCEEDED));
        cases.add(syntaxCase("a 5,000-digit number", text.replaceFirst("\"amount\"\\s*:\\s*[^,]+,",
                "\"amount\": " + "9".repeat(5_000) + ","), ErrorCode.JSON_LIMIT_EXCEEDED));
        cases.add(syntaxCase("NaN", text.replaceFirst("\"amount\"\\s*:\\s*[^,]+,", "\"amount\": NaN,"),
                ErrorCode.JSON_MALFORMED));
        cases.add(syntaxCase("Infinity", text.replaceFirst("\"amount\"\\s*:\\s*[^,]+,", "\"amount\": -Infinity,"),
                ErrorCode.JSON_MALFORMED));
        cases.add(syntaxCase("a string of 25 MB", text.replaceFirst("\"label\"\\s*:\\s*\"[^\"]*\"",
                "\"label\": \"" + "x".repeat(25_000_000) + "\""), ErrorCode.JSON_LIMIT_EXCEEDED));
        // the envelope
        cases.add(pointerCase("missing schema_version", TRANSACTIONS_KEY, json(transactions(
                f -> f.remove("schema_version"))), ErrorCode.ENVELOPE_INVALID, "/schema_version"));
        cases.add(pointerCase("unknown schema_version", TRANSACTIONS_KEY, json(transactions(
                f -> f.put("schema_version", "2.0"))), ErrorCode.ENVELOPE_INVALID, "/schema_version"));
        cases.add(pointerCase("record_count differs from the records", TRANSACTIONS_KEY, json(transactions(
                f -> f.put("record_count", 26))), ErrorCode.RECORD_COUNT_MISMATCH, "/record_count"));
        cases.add(pointerCase("records not an array", TRANSACTIONS_KEY, json(transactions(
                f -> f.put("records", "none"))), ErrorCode.RECORDS_NOT_ARRAY, "/records"));
        cases.add(pointerCase("unknown top-level field", TRANSACTIONS_KEY, json(transactions(
                f -> f.put("recordcount", 25))), ErrorCode.ENVELOPE_INVALID, "/recordcount"));
        // one record: rejected, the rest goes on (and is unchanged: it is the stored data again)
        cases.add(recordCase("missing mandatory field", r -> r.remove("label"), ErrorCode.FIELD_MISSING, "/label"));
        cases.add(recordCase("wrong type", r -> r.put("amount", true), ErrorCode.FIELD_WRONG_TYPE, "/amount"));
        cases.add(recordCase("unknown field", r -> r.put("colour", "blue"), ErrorCode.FIELD_UNKNOWN, "/colour"));
        cases.add(recordCase("more than 2 decimals", r -> r.put("amount", "12.345"),
                ErrorCode.MONEY_TOO_MANY_DECIMALS, "/amount"));
        cases.add(recordCase("an amount beyond the database column", r -> r.put("amount", "99999999999999.00"),
                ErrorCode.MONEY_OUT_OF_RANGE, "/amount"));
        cases.add(recordCase("1e2000000000", r -> r.put("amount", new java.math.BigDecimal("1e2000000000")),
                ErrorCode.MONEY_OUT_OF_RANGE, "/amount"));
        cases.add(recordCase("an invalid date", r -> r.put("booked_on", "2026-02-30"), ErrorCode.FIELD_INVALID,
                "/booked_on"));
        cases.add(recordCase("an invalid IBAN checksum", r -> r.put("bank_account_iban",
                "FR7630004012340001234567863"), ErrorCode.IBAN_INVALID, "/bank_account_iban"));
        cases.add(recordCase("a currency other than EUR", r -> r.put("currency", "USD"),
                ErrorCode.CURRENCY_UNSUPPORTED, "/currency"));
        cases.add(recordCase("a property never sent", r -> r.put("property_external_id", "GI-PRP-UNKNOWN"),
                ErrorCode.TRANSACTION_PROPERTY_UNKNOWN, "/property_external_id"));
        cases.add(recordCase("a value date long before the booking", r -> r.put("value_date", "2020-01-01"),
                ErrorCode.VALUE_DATE_TOO_EARLY, "/value_date"));
        cases.add(new Case("a duplicate external_id", TRANSACTIONS_KEY, json(transactions(f -> {
            ArrayNode records = (ArrayNode) f.get("records");
            ((ObjectNode) records.get(20)).put("external_id", records.get(3).get("external_id").asText());
        })), ErrorCode.DUPLICATE_EXTERNAL_ID, "/records/20/external_id", true));
        cases.add(propertyCase("acquisition_date in the future", p -> p.put("acquisition_date", "2099-01-01"),
                ErrorCode.DATE_IN_FUTURE, "/acquisition_date"));
        cases.add(propertyCase("land_share_pct above 100", p -> p.put("land_share_pct", 120),
                ErrorCode.FIELD_INVALID, "/land_share_pct"));
        cases.add(propertyCase("rental before acquisition", p -> p.put("rental_start_date", "1990-01-01"),
                ErrorCode.RENTAL_START_BEFORE_ACQUISITION, "/rental_start_date"));
        cases.add(new Case("an invalid SIREN checksum", CARACTERISTIQUES_KEY, json(caracteristiques(f -> {
            for (var record : f.get("records")) {
                if (record.has("siren")) {
                    ((ObjectNode) record).put("siren", "732829321");
                }
            }
        })), ErrorCode.SIREN_INVALID, "/siren", false));
        cases.add(new Case("a document whose content does not match its sha256", DOCUMENTS_KEY,
                json(documents(f -> ((ObjectNode) f.get("records").get(0)).put("sha256", "0".repeat(64)))),
                ErrorCode.DOCUMENT_CHECKSUM_MISMATCH, "/records/0/sha256", true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badFile_isNamedPrecisely_changesNothingStored_andAGoodFileStillSucceedsAfter(Case bad) throws Exception {
        Map<String, Object> databaseBefore = snapshotOfTheDatabase();
        List<String> documentsBefore = pipeline.get().keys(LocalPipeline.DOCUMENTS_BUCKET);

        LocalPipeline.FileRun run = pipeline.get().submit(bad.key(), write("bad.json", bad.content()));

        RunReport report = run.report();
        assertThat(report.counts().addsUp()).isTrue();
        ArchivedReports.assertConformsWithItsPage(pipeline.get(), run);
        FileError error = report.errors().first().stream().filter(e -> e.code() == bad.code()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + bad.code() + " in " + report.errors()));
        assertThat(error.message().fr()).isNotBlank();
        assertThat(error.message().en()).isNotBlank();
        if (bad.pointer() != null) {
            if (bad.located()) {
                assertThat(error.pointer()).isEqualTo(bad.pointer());
            } else {
                assertThat(error.pointer()).endsWith(bad.pointer());
            }
        }
        if (bad.code().name().startsWith("JSON_") && bad.code() != ErrorCode.JSON_LIMIT_EXCEEDED) {
            assertThat(error.line()).as("line").isPositive();
            assertThat(error.column()).as("column").isPositive();
        }
        if (report.outcome() == FileOutcome.FAILED) {
            assertThat(report.archivedKey()).startsWith("failure/");
            assertThat(report.counts().accepted()).isZero();
        } else {
            // the bad record is rejected, the others go on
            assertThat(report.counts().rejected()).isEqualTo(1);
            assertThat(report.counts().unchanged()).isEqualTo(report.counts().accepted()).isPositive();
        }
        assertThat(snapshotOfTheDatabase()).isEqualTo(databaseBefore);
        assertThat(pipeline.get().keys(LocalPipeline.DOCUMENTS_BUCKET)).isEqualTo(documentsBefore);

        LocalPipeline.FileRun next = pipeline.get().submit(TRANSACTIONS_KEY, goodTransactions);
        assertThat(next.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(next.report().counts().unchanged()).isEqualTo(25);
    }

    /** Every business row with its last change: a stored value that moved would show here. */
    private static Map<String, Object> snapshotOfTheDatabase() {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String table : List.of("owners", "properties", "transactions", "documents")) {
            rows.put(table, pipeline.get().database().jdbi().withHandle(h -> h.createQuery("select partner_id, "
                    + "external_id, updated_at, last_run_id from " + table + " order by 1, 2").mapToMap().list()));
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------------ files

    private static Case fileCase(String name, String key, byte[] content, ErrorCode code) {
        return new Case(name, key, content, code, null, false);
    }

    private static Case pointerCase(String name, String key, byte[] content, ErrorCode code, String pointer) {
        return new Case(name, key, content, code, pointer, true);
    }

    private static Case syntaxCase(String name, String content, ErrorCode code) throws IOException {
        if (content.equals(new String(goodTransactions(), StandardCharsets.UTF_8))) {
            throw new IllegalStateException("the corpus case '" + name + "' did not change the good file");
        }
        return new Case(name, TRANSACTIONS_KEY, content.getBytes(StandardCharsets.UTF_8), code, null, false);
    }

    private static Case recordCase(String name, Consumer<ObjectNode> breakRecord, ErrorCode code, String field)
            throws IOException {
        return new Case(name, TRANSACTIONS_KEY, json(transactions(f -> breakRecord.accept(
                (ObjectNode) f.get("records").get(7)))), code, "/records/7" + field, true);
    }

    private static Case propertyCase(String name, Consumer<ObjectNode> breakProperty, ErrorCode code,
                                     String field) throws IOException {
        return new Case(name, CARACTERISTIQUES_KEY, json(caracteristiques(f -> {
            for (var record : f.get("records")) {
                if (record.path("type").asText().equals("property")) {
                    breakProperty.accept((ObjectNode) record);
                    return;
                }
            }
        })), code, field, false);
    }

    /** The sample's 13 transactions and 12 more: one bad record stays within the 5 % tolerance. */
    private static ObjectNode transactions(Consumer<ObjectNode> change) throws IOException {
        ObjectNode file = read("transactions_20261123.json");
        file.put("snapshot_date", "2026-12-01");
        ArrayNode records = (ArrayNode) file.get("records");
        ObjectNode template = (ObjectNode) records.get(0);
        for (int i = 0; i < 12; i++) {
            records.add(template.deepCopy().put("external_id", "GI-TRX-CORPUS-" + i));
        }
        file.put("record_count", records.size());
        change.accept(file);
        return file;
    }

    private static ObjectNode caracteristiques(Consumer<ObjectNode> change) throws IOException {
        ObjectNode file = read("caracteristiques_20261123.json");
        file.put("snapshot_date", "2026-12-01");
        change.accept(file);
        return file;
    }

    private static ObjectNode documents(Consumer<ObjectNode> change) throws IOException {
        ObjectNode file = read("documents_20261123.json");
        file.put("snapshot_date", "2026-12-01");
        change.accept(file);
        return file;
    }

    private static ObjectNode read(String sample) throws IOException {
        return (ObjectNode) ContractJson.partnerFileMapper().readTree(DROP.resolve(sample).toFile());
    }

    private static byte[] json(ObjectNode file) throws IOException {
        return ContractJson.partnerFileMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
    }

    /** The good file the cases change, in memory: the corpus is read by another class too, at the same time. */
    private static byte[] goodTransactions() throws IOException {
        return json(transactions(f -> { }));
    }

    private static Path write(String name, ObjectNode file) throws IOException {
        return write(name, json(file));
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(work.resolve(name), content);
    }

    private static byte[] utf16(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    private static byte[] replace(byte[] content, String what, byte[] with) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(what);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(content, 0, at);
        out.writeBytes(with);
        out.write(content, at + what.length(), content.length - at - what.length());
        return out.toByteArray();
    }
}
