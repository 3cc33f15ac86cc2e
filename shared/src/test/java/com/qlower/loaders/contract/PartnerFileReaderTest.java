package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader of partner files: the bytes (UTF-8 only), the JSON (strict, bounded), the envelope (against its schema
 * and against the object key), each record handed to the visitor in file order.
 */
class PartnerFileReaderTest {

    /** Compiling the schemas is not free: once for the test JVM. */
    private static final RecordValidator VALIDATOR = RecordValidatorTest.VALIDATOR;
    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final PartnerFileName TRANSACTIONS_KEY =
            PartnerFileName.parse("inbox/gestimmo/transactions_20261123.json");

    /** A valid transaction, as the validator's own tests know it. */
    private static final String TRANSACTION = RecordValidatorTest.TRANSACTION;

    private static final Envelope TRANSACTIONS_ENVELOPE = new Envelope("1.0", "gestimmo", Loader.TRANSACTIONS,
            Mode.DELTA, LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T01:12:18Z"), 1);

    private final PartnerFileReader reader = new PartnerFileReader(VALIDATOR);

    // ---------------------------------------------------------------------------------------------- real files

    static Stream<Arguments> sampleFiles() {
        return Stream.of(
                Arguments.of("caracteristiques_20261123.json", new Envelope("1.0", "gestimmo",
                        Loader.CARACTERISTIQUES, Mode.SNAPSHOT, LocalDate.of(2026, 11, 23),
                        Instant.parse("2026-11-23T01:10:42Z"), 5),
                        List.of("GI-OWN-000412", "GI-OWN-000587", "GI-PRP-001203", "GI-PRP-001204", "GI-PRP-001377")),
                Arguments.of("transactions_20261123.json", new Envelope("1.0", "gestimmo", Loader.TRANSACTIONS,
                        Mode.DELTA, LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T01:12:18Z"), 13),
                        List.of("GI-TRX-20261001-0001", "GI-TRX-20261002-0002", "GI-TRX-20261003-0003",
                                "GI-TRX-20261005-0004", "GI-TRX-20261010-0005", "GI-TRX-20261015-0006",
                                "GI-TRX-20261031-0007", "GI-TRX-20261102-0008", "GI-TRX-20261103-0009",
                                "GI-TRX-20261105-0010", "GI-TRX-20261106-0011", "GI-TRX-20261110-0012",
                                "GI-TRX-20261112-0013")),
                Arguments.of("documents_20261123.json", new Envelope("1.0", "gestimmo", Loader.DOCUMENTS,
                        Mode.DELTA, LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T01:14:55Z"), 2),
                        List.of("GI-DOC-2026-000981", "GI-DOC-2026-000982")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void read_givesTheEnvelope_andVisitsEveryRecordInFileOrder_ofTheSampleDrop(
            String file, Envelope expected, List<String> externalIds) throws IOException {
        byte[] bytes = Files.readAllBytes(DROP.resolve(file));
        PartnerFileName name = PartnerFileName.parse("inbox/gestimmo/" + file);

        Read read = read(bytes, name);

        assertThat(read.envelope()).isEqualTo(expected);
        assertThat(read.indices()).containsExactlyElementsOf(
                Stream.iterate(0L, i -> i + 1).limit(externalIds.size()).toList());
        assertThat(read.records()).extracting(r -> r.get("external_id").asText())
                .containsExactlyElementsOf(externalIds);
        assertThat(read.records()).allSatisfy(r -> assertThat(r.isObject()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void sampleDrop_recordsAreAllValid_forTheValidator(String file, Envelope expected, List<String> externalIds)
            throws IOException {
        Read read = read(Files.readAllBytes(DROP.resolve(file)), PartnerFileName.parse("inbox/gestimmo/" + file));

        for (int i = 0; i < read.records().size(); i++) {
            assertThat(VALIDATOR.validateRecord(expected.loader(), i, read.records().get(i)))
                    .as("record %d of %s", i, file).isEmpty();
        }
    }

    @Test
    void read_keepsAmountsExact_asTheyAreWritten() throws IOException {
        Read read = read(Files.readAllBytes(DROP.resolve("transactions_20261123.json")),
                PartnerFileName.parse("inbox/gestimmo/transactions_20261123.json"));

        JsonNode second = read.records().get(1);
        assertThat(second.get("amount").isBigDecimal()).isTrue();
        assertThat(second.get("amount").decimalValue()).isEqualTo(new java.math.BigDecimal("-312.45"));
        assertThat(read.records().get(2).get("amount").decimalValue().toPlainString()).isEqualTo("780.00");
    }

    // ---------------------------------------------------------------------------------------------- encoding

    @Test
    void read_acceptsAUtf8Bom_withTheSameResultAsWithout() {
        byte[] plain = file(fields()).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain);

        Read withoutBom = read(plain, TRANSACTIONS_KEY);
        Read bom = read(withBom, TRANSACTIONS_KEY);

        assertThat(bom.envelope()).isEqualTo(withoutBom.envelope()).isEqualTo(TRANSACTIONS_ENVELOPE);
        assertThat(bom.records()).isEqualTo(withoutBom.records()).hasSize(1);
        assertThat(bom.indices()).containsExactly(0L);
    }

    @Test
    void read_keepsNonAsciiText_decodedFromUtf8() {
        Map<String, String> fields = fields();
        fields.put("records", "[" + TRANSACTION.replace("Cabinet Provence Syndic", "Hélène Rousseau – 3e étage")
                + "]");

        Read read = read(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(read.records().get(0).get("counterparty").asText()).isEqualTo("Hélène Rousseau – 3e étage");
    }

    static Stream<Arguments> notUtf8() {
        String json = file(fields());
        return Stream.of(
                Arguments.of("UTF-16 LE with BOM",
                        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, json.getBytes(StandardCharsets.UTF_16LE))),
                Arguments.of("UTF-16 BE with BOM",
                        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, json.getBytes(StandardCharsets.UTF_16BE))),
                Arguments.of("UTF-16 LE without BOM", json.getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-16 BE without BOM", json.getBytes(StandardCharsets.UTF_16BE)),
                Arguments.of("UTF-16 (Java: BE with BOM)", json.getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-32 BE without BOM", json.getBytes(Charset.forName("UTF-32BE"))),
                Arguments.of("UTF-32 LE with BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
                        json.getBytes(Charset.forName("UTF-32LE")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8")
    void read_rejectsUtf16AndUtf32_byTheirBomOrTheirZeroBytes(String encoding, byte[] bytes) {
        ContractViolation violation = violation(bytes, TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENCODING_NOT_UTF8);
            assertThat(e.message().en()).contains("UTF-8");
        });
    }

    static Stream<Arguments> invalidUtf8InAString() {
        return Stream.of(
                Arguments.of("a lone continuation byte", new byte[] {(byte) 0x80}),
                Arguments.of("a byte never used in UTF-8", new byte[] {(byte) 0xFF}),
                Arguments.of("a Latin-1 é", new byte[] {(byte) 0xE9, 'c', 'h'}),
                Arguments.of("a 2-byte sequence cut short", new byte[] {(byte) 0xC3, 'x'}),
                Arguments.of("a 3-byte sequence cut short", new byte[] {(byte) 0xE2, (byte) 0x82, 'x'}),
                Arguments.of("an overlong '/'", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                Arguments.of("an overlong NUL", new byte[] {(byte) 0xC0, (byte) 0x80}),
                Arguments.of("an overlong 3-byte '/'", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                Arguments.of("an encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("a code point beyond U+10FFFF",
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("the lead byte F5", new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8InAString")
    void read_rejectsInvalidUtf8_insideAString(String what, byte[] badBytes) {
        byte[] bytes = file(fields()).getBytes(StandardCharsets.UTF_8);
        byte[] marker = "Cabinet Provence Syndic".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, marker) + "Cabinet ".length();
        byte[] broken = concat(concat(java.util.Arrays.copyOf(bytes, at), badBytes),
                java.util.Arrays.copyOfRange(bytes, at, bytes.length));

        ContractViolation violation = violation(broken, TRANSACTIONS_KEY);

        assertThat(violation.errors()).extracting(FileError::code).containsExactly(ErrorCode.INVALID_UTF8);
    }

    // ---------------------------------------------------------------------------------------------- JSON syntax

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "\n", " \t\r\n  \n", "\uFEFF", "\uFEFF \n"})
    void read_rejectsEmptyAndWhitespaceOnlyFiles_asFileEmpty(String content) {
        ContractViolation violation = violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).extracting(FileError::code).containsExactly(ErrorCode.FILE_EMPTY);
    }

    @Test
    void read_rejectsAFileCutHalfWay_asTruncated_withTheLineAndColumnOfItsEnd() throws IOException {
        byte[] whole = Files.readAllBytes(DROP.resolve("transactions_20261123.json"));
        String cut = new String(whole, 0, whole.length / 2, StandardCharsets.UTF_8);
        cut = cut.substring(0, cut.lastIndexOf(','));  // ends in the middle of a record, after a complete value
        long lines = cut.chars().filter(c -> c == '\n').count() + 1;

        ContractViolation violation = violation(cut.getBytes(StandardCharsets.UTF_8),
                PartnerFileName.parse("inbox/gestimmo/transactions_20261123.json"));

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.JSON_TRUNCATED);
            assertThat(e.line()).isEqualTo(lines);
            assertThat(e.column()).isPositive();
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{",
            "{\n  \"schema_version\": \"1.0\",\n  \"records\": [",
            "{\n  \"schema_version\": \"1.0\",\n  \"records\": [\n    {\"external_id\": \"A\"",
            "{\n  \"schema_version\": \"1.0\",\n  \"partner_id\": \"gesti",
            "{\n  \"schema_version\": \"1.0\",\n  \"records\": []\n",
    })
    void read_rejectsTruncatedJson_withALineAndColumn(String content) {
        ContractViolation violation = violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.JSON_TRUNCATED);
            assertThat(e.line()).isEqualTo(content.chars().filter(c -> c == '\n').count() + 1);
            assertThat(e.column()).isPositive();
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{}", "{\"schema_version\": \"1.0\"}", "[]", "42", "\"records\"", "x", "]", "}",
            ","})
    void read_rejectsContentAfterTheEnvelope(String trailing) {
        String content = file(fields()) + "\n" + trailing + "\n";

        ContractViolation violation = violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.JSON_TRAILING_CONTENT);
            assertThat(e.line()).isEqualTo(content.chars().filter(c -> c == '\n').count());
        });
    }

    @Test
    void read_acceptsWhitespaceAfterTheEnvelope() {
        Read read = read((file(fields()) + "\n\n  \t\r\n").getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(read.envelope()).isEqualTo(TRANSACTIONS_ENVELOPE);
    }

    static Stream<Arguments> duplicateKeys() {
        Map<String, String> inEnvelope = fields();
        String envelopeJson = file(inEnvelope).replace("\"mode\": \"delta\"",
                "\"mode\": \"delta\",\n  \"partner_id\": \"gestimmo\"");
        Map<String, String> inRecord = fields();
        inRecord.put("records", "[" + TRANSACTION.replace("\"currency\": \"EUR\"",
                "\"currency\": \"EUR\", \"amount\": 312.45") + "]");
        Map<String, String> recordsTwice = fields();
        String twice = file(recordsTwice).replace("\"mode\": \"delta\"", "\"mode\": \"delta\",\n  \"records\": []");
        return Stream.of(
                Arguments.of("an envelope field", envelopeJson),
                Arguments.of("a record field", file(inRecord)),
                Arguments.of("records itself", twice));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicateKeys")
    void read_rejectsDuplicateKeys(String where, String content) {
        ContractViolation violation = violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.JSON_DUPLICATE_KEY);
            assertThat(e.line()).isNotNull();
        });
    }

    static Stream<Arguments> beyondTheLimits() {
        return Stream.of(
                Arguments.of("arrays nested 10,000 deep in a record",
                        "{\"deep\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                Arguments.of("objects nested 10,000 deep in a record",
                        "{\"deep\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}"),
                Arguments.of("a record that is itself nested 10,000 deep",
                        "[".repeat(10_000) + "]".repeat(10_000)),
                Arguments.of("arrays nested 65 deep in a record",
                        "{\"deep\": " + "[".repeat(65) + "]".repeat(65) + "}"),
                Arguments.of("a 5,000-digit integer amount",
                        TRANSACTION.replace("-312.45", "1" + "0".repeat(4_999))),
                Arguments.of("a 5,000-digit fraction amount",
                        TRANSACTION.replace("-312.45", "0." + "3".repeat(4_998))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beyondTheLimits")
    void read_rejectsContentBeyondTheLimits_withoutExhaustingTheStack(String what, String record) {
        Map<String, String> fields = fields();
        fields.put("records", "[" + record + "]");

        Throwable thrown = catchThrowable(() -> reader.read(
                new ByteArrayInputStream(file(fields).getBytes(StandardCharsets.UTF_8)), TRANSACTIONS_KEY,
                (i, r) -> { }));

        assertThat(thrown).isInstanceOf(ContractViolation.class);
        assertThat(((ContractViolation) thrown).errors()).extracting(FileError::code)
                .containsExactly(ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void read_rejectsA5000DigitNumber_inTheEnvelopeToo() {
        Map<String, String> fields = fields();
        fields.put("record_count", "9".repeat(5_000));

        assertThat(violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY).errors())
                .extracting(FileError::code).containsExactly(ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void read_acceptsNestingWithinTheLimit() {
        Map<String, String> fields = fields();
        // the envelope, records and the record are 3 levels: 60 more stay under the limit of 64
        fields.put("records", "[{\"deep\": " + "[".repeat(60) + "]".repeat(60) + "}]");

        Read read = read(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(read.records()).hasSize(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", "012", ".5", "1.", "0x1F", "'EUR'"})
    void read_rejectsWhatIsNotStandardJson_asMalformed(String value) {
        Map<String, String> fields = fields();
        fields.put("records", "[" + TRANSACTION.replace("-312.45", value) + "]");

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.JSON_MALFORMED);
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"schema_version\": \"1.0\",}",
            "{\"schema_version\": \"1.0\" /* comment */}",
            "{schema_version: \"1.0\"}",
            "{\"records\": [1,,2]}",
    })
    void read_rejectsLenientJsonSyntax_asMalformed(String content) {
        assertThat(violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY).errors())
                .extracting(FileError::code).containsExactly(ErrorCode.JSON_MALFORMED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "[{}]", "\"envelope\"", "null", "42"})
    void read_rejectsAFileThatIsNotOneObject(String content) {
        assertThat(violation(content.getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY).errors())
                .extracting(FileError::code).containsExactly(ErrorCode.ENVELOPE_NOT_OBJECT);
    }

    // ---------------------------------------------------------------------------------------------- envelope

    @ParameterizedTest(name = "[{index}] records: {0}")
    @ValueSource(strings = {"{}", "null", "\"[]\"", "42", "{\"0\": {}}"})
    void read_rejectsRecordsThatAreNotAnArray(String records) {
        Map<String, String> fields = fields();
        fields.put("records", records);

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.RECORDS_NOT_ARRAY, "/records"));
    }

    @ParameterizedTest(name = "record_count {0} for 1 record")
    @ValueSource(strings = {"18446744073709551617", "99999999999999999999"})
    void read_rejectsARecordCountBeyondALong_withoutWrappingIt(String announced) {
        Map<String, String> fields = fields();
        fields.put("record_count", announced);

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RECORD_COUNT_MISMATCH);
            assertThat(e.value()).isEqualTo(announced);
            assertThat(e.message().en()).contains(announced);
        });
    }

    @ParameterizedTest(name = "record_count {0} for 1 record")
    @ValueSource(ints = {0, 2, 1000})
    void read_rejectsARecordCountThatDiffersFromTheRecords(int announced) {
        Map<String, String> fields = fields();
        fields.put("record_count", Integer.toString(announced));
        List<Long> visited = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> reader.read(
                new ByteArrayInputStream(file(fields).getBytes(StandardCharsets.UTF_8)), TRANSACTIONS_KEY,
                (i, r) -> visited.add(i)));

        assertThat(thrown).isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RECORD_COUNT_MISMATCH);
                    assertThat(e.pointer()).isEqualTo("/record_count");
                    assertThat(e.value()).isEqualTo(Integer.toString(announced));
                    assertThat(e.recordIndex()).isNull();
                }));
        assertThat(visited).containsExactly(0L);
    }

    @Test
    void read_acceptsAnEmptyRecordsArray_whenRecordCountIsZero() {
        Map<String, String> fields = fields();
        fields.put("records", "[]");
        fields.put("record_count", "0");

        Read read = read(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(read.records()).isEmpty();
        assertThat(read.envelope().recordCount()).isZero();
    }

    static Stream<Arguments> keyMismatches() {
        return Stream.of(
                Arguments.of("partner_id", "\"agence-du-port\"", "/partner_id", "agence-du-port"),
                Arguments.of("snapshot_date", "\"2026-11-22\"", "/snapshot_date", "2026-11-22"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyMismatches")
    void read_rejectsAnEnvelopeThatDiffersFromTheKey_atThatField(String field, String value, String pointer,
                                                                 String reported) {
        Map<String, String> fields = fields();
        fields.put(field, value);

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_KEY_MISMATCH);
            assertThat(e.pointer()).isEqualTo(pointer);
            assertThat(e.value()).isEqualTo(reported);
        });
    }

    @ParameterizedTest(name = "loader {0}")
    @ValueSource(strings = {"\"caracteristiques\"", "\"documents\"", "\"factures\""})
    void read_rejectsALoaderOtherThanTheKeys_asAnInvalidEnvelope_atLoader(String loader) {
        // docs/error-codes.md: the schema of the key's loader expects exactly that loader
        Map<String, String> fields = fields();
        fields.put("loader", loader);

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.ENVELOPE_INVALID, "/loader"));
    }

    @Test
    void read_comparesTheEnvelopeWithTheKeyOfACorrection_ignoringItsSuffix() {
        Read read = read(file(fields()).getBytes(StandardCharsets.UTF_8),
                PartnerFileName.parse("inbox/gestimmo/transactions_20261123_02.json"));

        assertThat(read.envelope()).isEqualTo(TRANSACTIONS_ENVELOPE);
    }

    @Test
    void read_listsEveryMismatch_andTheRecordCount_together() {
        Map<String, String> fields = fields();
        fields.put("partner_id", "\"agence-du-port\"");
        fields.put("snapshot_date", "\"2026-11-22\"");
        fields.put("record_count", "3");

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).extracting(FileError::code, FileError::pointer).containsExactlyInAnyOrder(
                tuple(ErrorCode.ENVELOPE_KEY_MISMATCH, "/partner_id"),
                tuple(ErrorCode.ENVELOPE_KEY_MISMATCH, "/snapshot_date"),
                tuple(ErrorCode.RECORD_COUNT_MISMATCH, "/record_count"));
    }

    static Stream<Arguments> invalidEnvelopes() {
        return Stream.of(
                Arguments.of("an unknown field", "comment", "\"exported by hand\"", "/comment"),
                Arguments.of("no schema_version", "schema_version", null, "/schema_version"),
                Arguments.of("another schema_version", "schema_version", "\"2.0\"", "/schema_version"),
                Arguments.of("a numeric schema_version", "schema_version", "1.0", "/schema_version"),
                Arguments.of("no records", "records", null, "/records"),
                Arguments.of("no generated_at", "generated_at", null, "/generated_at"),
                Arguments.of("a generated_at without offset", "generated_at", "\"2026-11-23T02:12:18\"",
                        "/generated_at"),
                Arguments.of("an unknown mode", "mode", "\"full\"", "/mode"),
                Arguments.of("a snapshot_date not in the calendar", "snapshot_date", "\"2026-02-30\"",
                        "/snapshot_date"),
                Arguments.of("a negative record_count", "record_count", "-1", "/record_count"),
                Arguments.of("a string record_count", "record_count", "\"1\"", "/record_count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEnvelopes")
    void read_rejectsAnEnvelopeBreakingItsSchema_atTheField(String what, String field, String value,
                                                            String pointer) {
        Map<String, String> fields = fields();
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }

        ContractViolation violation = violation(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(violation.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_INVALID);
            assertThat(e.message().fr()).isNotBlank();
                        assertThat(e.message().en()).isNotBlank();
        });
        assertThat(violation.errors()).extracting(FileError::pointer).contains(pointer);
    }

    @Test
    void read_acceptsTheEnvelopeFieldsInAnyOrder_recordsFirst() {
        Map<String, String> recordsFirst = new LinkedHashMap<>();
        recordsFirst.put("records", "[" + TRANSACTION + ", " + TRANSACTION.replace("0002\"", "0003\"") + "]");
        Map<String, String> rest = fields();
        rest.remove("records");
        rest.put("record_count", "2");
        List<String> reversed = new ArrayList<>(rest.keySet());
        java.util.Collections.reverse(reversed);
        reversed.forEach(k -> recordsFirst.put(k, rest.get(k)));

        Read read = read(file(recordsFirst).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(file(recordsFirst)).startsWith("{\n  \"records\"");
        assertThat(read.envelope()).isEqualTo(new Envelope("1.0", "gestimmo", Loader.TRANSACTIONS, Mode.DELTA,
                LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T01:12:18Z"), 2));
        assertThat(read.records()).extracting(r -> r.get("external_id").asText())
                .containsExactly("GI-TRX-20261002-0002", "GI-TRX-20261002-0003");
    }

    @Test
    void read_handsRecordsToTheVisitorAsTheyAre_leavingTheirJudgementToTheValidator() {
        Map<String, String> fields = fields();
        fields.put("records", "[42, null, {\"external_id\": \"X\"}, []]");
        fields.put("record_count", "4");

        Read read = read(file(fields).getBytes(StandardCharsets.UTF_8), TRANSACTIONS_KEY);

        assertThat(read.indices()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(read.records()).extracting(JsonNode::getNodeType).map(Enum::name)
                .containsExactly("NUMBER", "NULL", "OBJECT", "ARRAY");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private record Read(Envelope envelope, List<Long> indices, List<JsonNode> records) {
    }

    private Read read(byte[] bytes, PartnerFileName name) {
        List<Long> indices = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>();
        Envelope envelope = reader.read(new ByteArrayInputStream(bytes), name, (i, r) -> {
            indices.add(i);
            records.add(r);
        });
        return new Read(envelope, indices, records);
    }

    private ContractViolation violation(byte[] bytes, PartnerFileName name) {
        Throwable thrown = catchThrowable(() -> reader.read(new ByteArrayInputStream(bytes), name, (i, r) -> { }));
        assertThat(thrown).isInstanceOf(ContractViolation.class);
        ContractViolation violation = (ContractViolation) thrown;
        assertThat(violation.errors()).allSatisfy(e -> assertThat(e.code().scope()).isEqualTo(ErrorCode.Scope.FILE));
        return violation;
    }

    /** The fields of a valid transactions envelope, as raw JSON, in the order of the contract. */
    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("schema_version", "\"1.0\"");
        fields.put("partner_id", "\"gestimmo\"");
        fields.put("loader", "\"transactions\"");
        fields.put("mode", "\"delta\"");
        fields.put("snapshot_date", "\"2026-11-23\"");
        fields.put("generated_at", "\"2026-11-23T02:12:18+01:00\"");
        fields.put("record_count", "1");
        fields.put("records", "[" + TRANSACTION + "]");
        return fields;
    }

    private static String file(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
