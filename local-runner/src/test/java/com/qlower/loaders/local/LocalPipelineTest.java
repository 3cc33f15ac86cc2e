package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow, through the real handlers, the deployed state machine definition, an S3 protocol server and
 * PostgreSQL: what a night's drop does to the database and the archive. The tests build on each other, in order,
 * as nights do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineTest {

    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final Path REJECTED = Path.of("../samples/rejected/gestimmo");
    private static final List<String> BUSINESS_TABLES = List.of("owners", "properties", "transactions",
            "documents");

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet().withPartners("gestimmo");

    @TempDir
    static Path work;

    @Test
    @Order(1)
    void validDropOfAllThreeLoaders_endsInPostgresAndSuccess() throws Exception {
        for (String file : List.of("caracteristiques_20261123.json", "transactions_20261123.json",
                "documents_20261123.json")) {
            LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/" + file, DROP.resolve(file));

            assertThat(run.report().outcome()).as(file).isEqualTo(FileOutcome.SUCCEEDED);
            assertThat(run.report().counts().addsUp()).isTrue();
            assertThat(run.report().counts().rejected()).isZero();
            assertThat(run.report().counts().inserted()).isEqualTo(run.report().counts().received());
            assertThat(run.reportKey()).startsWith("success/gestimmo/" + file.replace(".json", "."));
            assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, run.report().archivedKey())).isTrue();
            assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, run.reportKey())).isTrue();
            assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, "inbox/gestimmo/" + file)).isFalse();
            ArchivedReports.assertConformsWithItsPage(pipeline.get(), run);
        }
        assertThat(countRows()).containsExactly(Map.entry("owners", 2L), Map.entry("properties", 3L),
                Map.entry("transactions", 13L), Map.entry("documents", 2L));
        long runsAddingUp = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from ingestion_runs where status = 'SUCCEEDED' and received = accepted + rejected "
                        + "and accepted = inserted + updated + unchanged").mapTo(Long.class).one());
        assertThat(runsAddingUp).isEqualTo(3);
    }

    @Test
    @Order(2)
    void transactions_areStoredInCentsWithTheirCategoryAndAccount() {
        Map<String, Object> rent = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select amount_cents, category, category_source, account_code from transactions "
                        + "where partner_id = 'gestimmo' and category = 'rent' order by external_id limit 1")
                .mapToMap().one());
        assertThat(((Number) rent.get("amount_cents")).longValue()).isPositive();
        assertThat(rent.get("account_code")).isEqualTo("706000");
        long inferred = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from transactions where category_source = 'INFERRED'").mapTo(Long.class).one());
        assertThat(inferred).isPositive();
    }

    @Test
    @Order(3)
    void documents_areInTheDocumentsBucket_underAKeyWithoutPersonalData() throws Exception {
        List<Map<String, Object>> documents = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select storage_key, sha256 from documents where partner_id = 'gestimmo'").mapToMap().list());
        assertThat(documents).hasSize(2);
        for (Map<String, Object> document : documents) {
            String key = (String) document.get("storage_key");
            assertThat(key).isEqualTo("gestimmo/" + document.get("sha256"));
            try (InputStream in = pipeline.get().store().open(new FileRef(LocalPipeline.DOCUMENTS_BUCKET, key, null))) {
                byte[] content = in.readAllBytes();
                assertThat(new String(content, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                        .isEqualTo(document.get("sha256"));
            }
        }
    }

    @Test
    @Order(4)
    void nextSnapshot_updatesChangedRows_andLeavesTheOthersUntouched() throws Exception {
        ObjectNode file = read(DROP.resolve("caracteristiques_20261123.json"));
        file.put("snapshot_date", "2026-11-24");
        ObjectNode property = (ObjectNode) firstOfType(file, "property");
        String externalId = property.get("external_id").asText();
        property.put("label", "Renamed by the partner");
        Map<String, Object> before = updatedAtByExternalId("properties");

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/caracteristiques_20261124.json",
                write(file, "caracteristiques_20261124.json"));

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(run.report().counts().updated()).isEqualTo(1);
        assertThat(run.report().counts().unchanged()).isEqualTo(4);
        assertThat(run.report().counts().inserted()).isZero();
        Map<String, Object> after = updatedAtByExternalId("properties");
        after.forEach((id, updatedAt) -> {
            if (id.equals(externalId)) {
                assertThat(updatedAt).isNotEqualTo(before.get(id));
            } else {
                assertThat(updatedAt).as(id).isEqualTo(before.get(id));
            }
        });
        String label = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select label from properties where external_id = :id").bind("id", externalId)
                .mapTo(String.class).one());
        assertThat(label).isEqualTo("Renamed by the partner");
    }

    @Test
    @Order(5)
    void malformedFile_endsInFailure_withAReportNamingTheError_andTheDatabaseUnchanged() throws Exception {
        String whole = Files.readString(DROP.resolve("transactions_20261123.json"));
        Path truncated = work.resolve("transactions_20261125.json");
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));
        Map<String, Long> before = countRows();

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/transactions_20261125.json", truncated);

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(run.reportKey()).startsWith("failure/gestimmo/transactions_20261125.");
        FileError error = run.report().errors().first().get(0);
        assertThat(error.code()).isEqualTo(ErrorCode.JSON_TRUNCATED);
        assertThat(error.line()).isPositive();
        assertThat(archivedReport(run).path("errors").path("first").get(0).path("code").asText())
                .isEqualTo("JSON_TRUNCATED");
        assertThat(countRows()).isEqualTo(before);
        assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, run.report().archivedKey())).isTrue();
    }

    @Test
    @Order(6)
    void fileBreakingTheNamingConvention_endsInFailure_andTheDatabaseUnchanged() throws Exception {
        Map<String, Long> before = countRows();

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/relevé novembre.json",
                DROP.resolve("transactions_20261123.json"));

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(run.report().errors().first()).extracting(FileError::code).containsExactly(ErrorCode.KEY_INVALID);
        assertThat(run.reportKey()).isEqualTo("failure/gestimmo/relevé novembre." + run.runId().substring(0, 12)
                + ".report.json");
        assertThat(archivedReport(run).path("partner_id").asText()).isEqualTo("gestimmo");
        assertThat(countRows()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void invalidRecordsWithinTolerance_areRejectedOneByOne_andCountsAddUp() throws Exception {
        ObjectNode file = read(DROP.resolve("transactions_20261123.json"));
        file.put("snapshot_date", "2026-11-26");
        ArrayNode records = (ArrayNode) file.get("records");
        ObjectNode template = (ObjectNode) records.get(0);
        for (int i = 0; i < 12; i++) {
            records.add(template.deepCopy().put("external_id", "GI-TRX-EXTRA-" + i));
        }
        ((ObjectNode) records.get(5)).put("amount", "12.345");
        file.put("record_count", records.size());
        long transactionsBefore = countRows().get("transactions");

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/transactions_20261126.json",
                write(file, "transactions_20261126.json"));

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(run.report().counts().received()).isEqualTo(25);
        assertThat(run.report().counts().rejected()).isEqualTo(1);
        assertThat(run.report().counts().accepted()).isEqualTo(24);
        assertThat(run.report().counts().inserted() + run.report().counts().updated()
                + run.report().counts().unchanged()).isEqualTo(24);
        assertThat(run.report().errors().first()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MONEY_TOO_MANY_DECIMALS);
            assertThat(e.recordIndex()).isEqualTo(5);
            assertThat(e.pointer()).isEqualTo("/records/5/amount");
        });
        assertThat(countRows().get("transactions")).isEqualTo(transactionsBefore + 12);
    }

    @Test
    @Order(8)
    void invalidRecordsAboveTolerance_rejectTheWholeFile_andNothingIsIntegrated() throws Exception {
        ObjectNode file = read(DROP.resolve("transactions_20261123.json"));
        file.put("snapshot_date", "2026-11-27");
        // three of thirteen: above the 5 % share and above the floor of 2 records
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) file.get("records").get(i)).put("currency", "USD");
        }
        Map<String, Long> before = countRows();

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/gestimmo/transactions_20261127.json",
                write(file, "transactions_20261127.json"));

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(run.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.TOO_MANY_REJECTED_RECORDS, ErrorCode.CURRENCY_UNSUPPORTED,
                        ErrorCode.CURRENCY_UNSUPPORTED, ErrorCode.CURRENCY_UNSUPPORTED);
        assertThat(run.report().counts().rejected()).isEqualTo(run.report().counts().received());
        assertThat(countRows()).isEqualTo(before);
    }

    @Test
    @Order(11)
    void fileBeyondItsToleranceWhateverArrives_isRejectedAtOnce_withoutWaitingForTheNightsEarlierFiles()
            throws Exception {
        // a partner whose caracteristiques never came: its transactions refer to unknown properties, and three of
        // its 13 records break a rule no later file mends (23 % against 5 %, and more than the floor of 2 records)
        pipeline.get().partners().save(InMemoryPartnerRegistry.everyLoader("immo-nord"));
        ObjectNode file = read(DROP.resolve("transactions_20261123.json"));
        file.put("partner_id", "immo-nord");
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) file.get("records").get(i)).put("value_date", "2026-08-01");
        }

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/immo-nord/transactions_20261123.json",
                write(file, "immo-nord-transactions_20261123.json"));

        assertThat(run.execution().statesEntered()).doesNotContain("WaitForEarlierFiles")
                .containsSubsequence("Transform", "WereRecordsAccepted", "ArchiveRejectedFile");
        assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(run.report().errors().first()).extracting(FileError::code)
                .startsWith(ErrorCode.TOO_MANY_REJECTED_RECORDS)
                .contains(ErrorCode.VALUE_DATE_TOO_EARLY, ErrorCode.TRANSACTION_PROPERTY_UNKNOWN);
        assertThat(run.report().warnings().first()).extracting(FileError::code)
                .doesNotContain(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED);
    }

    @Test
    @Order(9)
    void snapshotRetiringTooMuch_isRefused_untilAnOperatorAuthorizesIt_andAReturningRecordIsReactivated()
            throws Exception {
        // registered without a floor, the share alone guards: one property of three is beyond 10 %
        Partner registered = pipeline.get().partners().find("gestimmo").orElseThrow();
        pipeline.get().partners().save(new Partner(registered.partnerId(), registered.displayName(),
                registered.language(), registered.contactEmails(), registered.webhookUrl(),
                registered.webhookSecretRef(), registered.webhookEnabled(), registered.loaders(),
                registered.rejectTolerance(), new DeletionGuard(10, 0)));
        ObjectNode withoutAProperty = read(DROP.resolve("caracteristiques_20261123.json"));
        withoutAProperty.put("snapshot_date", "2026-11-28");
        ArrayNode records = (ArrayNode) withoutAProperty.get("records");
        String dropped = null;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).path("type").asText().equals("property")) {
                dropped = records.get(i).get("external_id").asText();
                records.remove(i);
                break;
            }
        }
        withoutAProperty.put("record_count", records.size());
        Map<String, Long> before = countRows();

        LocalPipeline.FileRun refused = pipeline.get().submit("inbox/gestimmo/caracteristiques_20261128.json",
                write(withoutAProperty, "caracteristiques_20261128.json"));

        assertThat(refused.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(refused.execution().statesEntered()).contains("WasIntegrationApplied", "ArchiveRejectedFile")
                .last().isEqualTo("FileRejected");
        assertThat(refused.report().errors().first().get(0)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED);
            assertThat(e.message().en()).contains("would retire 1 of the 3 active properties");
        });
        assertThat(countRows()).isEqualTo(before);

        pipeline.get().database().jdbi().useHandle(h -> h.execute("insert into retirement_authorizations (partner_id, "
                + "loader, snapshot_date, authorized_by, reason) values ('gestimmo', 'caracteristiques', "
                + "'2026-11-28', 'ops@qlower', 'the partner sold the flat')"));
        LocalPipeline.FileRun authorized = pipeline.get().submit("inbox/gestimmo/caracteristiques_20261128_01.json",
                write(withoutAProperty, "caracteristiques_20261128_01.json"));

        assertThat(authorized.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(authorized.report().counts().retired()).isEqualTo(1);
        String droppedId = dropped;
        Object retiredAt = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select retired_at from properties where external_id = :id").bind("id", droppedId)
                .mapToMap().one().get("retired_at"));
        assertThat(retiredAt).isNotNull();

        ObjectNode whole = read(DROP.resolve("caracteristiques_20261123.json"));
        whole.put("snapshot_date", "2026-11-29");
        LocalPipeline.FileRun back = pipeline.get().submit("inbox/gestimmo/caracteristiques_20261129.json",
                write(whole, "caracteristiques_20261129.json"));

        assertThat(back.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(back.report().counts().updated()).isGreaterThanOrEqualTo(1);
        Object reactivated = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select retired_at from properties where external_id = :id").bind("id", droppedId)
                .mapToMap().one().get("retired_at"));
        assertThat(reactivated).isNull();
        pipeline.get().partners().save(registered);
    }

    @Test
    @Order(10)
    void rejectedSamplesAndFilesOfNoRegisteredPartner_haveReportsTrueToTheSchema_andTheirPage() throws Exception {
        LocalPipeline.FileRun badCount = pipeline.get().submit("inbox/gestimmo/transactions_20261124.json",
                REJECTED.resolve("transactions_20261124.json"));
        LocalPipeline.FileRun badName = pipeline.get().submit("inbox/gestimmo/releve novembre.json",
                REJECTED.resolve("releve novembre.json"));
        LocalPipeline.FileRun unknownPartner = pipeline.get().submit("inbox/inconnu/transactions_20261123.json",
                DROP.resolve("transactions_20261123.json"));
        LocalPipeline.FileRun noPartnerFolder = pipeline.get().submit("inbox/Not_A_Partner/transactions_20261123.json",
                DROP.resolve("transactions_20261123.json"));

        assertThat(List.of(badCount, badName, unknownPartner, noPartnerFolder))
                .allSatisfy(run -> assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED));
        assertThat(badCount.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.RECORD_COUNT_MISMATCH, ErrorCode.MONEY_TOO_MANY_DECIMALS);
        assertThat(badName.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.KEY_INVALID);
        assertThat(unknownPartner.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.PARTNER_UNKNOWN);
        assertThat(noPartnerFolder.report().partnerId()).as("a report without partner_id").isNull();
        for (LocalPipeline.FileRun run : List.of(badCount, badName, unknownPartner, noPartnerFolder)) {
            ArchivedReports.assertConformsWithItsPage(pipeline.get(), run);
        }
    }

    private static Map<String, Long> countRows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : BUSINESS_TABLES) {
            counts.put(table, pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                    "select count(*) from " + table).mapTo(Long.class).one()));
        }
        return counts;
    }

    private static Map<String, Object> updatedAtByExternalId(String table) {
        Map<String, Object> byId = new LinkedHashMap<>();
        pipeline.get().database().jdbi().withHandle(h -> h.createQuery("select external_id, updated_at from " + table)
                .mapToMap().list()).forEach(row -> byId.put((String) row.get("external_id"), row.get("updated_at")));
        return byId;
    }

    private static JsonNode archivedReport(LocalPipeline.FileRun run) throws IOException {
        try (InputStream in = pipeline.get().store().open(new FileRef(LocalPipeline.INGEST_BUCKET, run.reportKey(),
                null))) {
            return ContractJson.internalMapper().readTree(in);
        }
    }

    private static JsonNode firstOfType(ObjectNode file, String type) {
        for (JsonNode record : file.get("records")) {
            if (record.path("type").asText().equals(type)) {
                return record;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }

    private static ObjectNode read(Path path) throws IOException {
        return (ObjectNode) ContractJson.partnerFileMapper().readTree(path.toFile());
    }

    private static Path write(ObjectNode file, String name) throws IOException {
        Path path = work.resolve(name);
        ContractJson.partnerFileMapper().writeValue(path.toFile(), file);
        return path;
    }
}
