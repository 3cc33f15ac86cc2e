package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.validator.ValidationService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner's nights through the whole local pipeline (S3 protocol server, PostgreSQL, the deployed state
 * machine): the order the files land in, S3 delivering a notification more than once, partners kept apart, a
 * delta's retirements and a GDPR erasure. Each test uses partners of its own, so the tests share one pipeline and
 * do not depend on each other.
 */
class NightlyDropTest {

    private static final String DATE = "20261123";

    private static final StatesEntered statesEntered = new StatesEntered();
    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.listenedBy(statesEntered).withPartners("en-ordre", "a-rebours",
            "triple", "alpha", "beta", "delta-prop", "gamma", "retraits", "effacement", "conflit");

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        pipeline.get().partners().save(new Partner("caracteristiques-seules", "Only caracteristiques",
                Partner.Language.EN, List.of(), null, null, true, EnumSet.of(Loader.CARACTERISTIQUES), 5.0));
    }

    // ---------------------------------------------------------------------------------------- arrival order

    @Test
    @Timeout(120)
    void nightsFiles_inReverseOrder_endAsInOrder_theLaterFilesWaitingForTheEarlierOnes() throws Exception {
        for (String loader : List.of("caracteristiques", "transactions", "documents")) {
            LocalPipeline.FileRun run = pipeline.get().submit(key("en-ordre", loader), sample("en-ordre", loader));
            assertThat(run.report().outcome()).as(loader + " " + run.report().errors())
                    .isEqualTo(FileOutcome.SUCCEEDED);
        }

        // documents land first, then transactions, then the caracteristiques both refer to
        LocalPipeline.Dropped documents = pipeline.get().drop(key("a-rebours", "documents"),
                sample("a-rebours", "documents"));
        awaitState(documents.executionName(), "WaitForEarlierFiles");
        LocalPipeline.Dropped transactions = pipeline.get().drop(key("a-rebours", "transactions"),
                sample("a-rebours", "transactions"));
        awaitState(transactions.executionName(), "WaitForEarlierFiles");
        LocalPipeline.Dropped caracteristiques = pipeline.get().drop(key("a-rebours", "caracteristiques"),
                sample("a-rebours", "caracteristiques"));

        for (LocalPipeline.Dropped dropped : List.of(caracteristiques, transactions, documents)) {
            LocalPipeline.FileRun run = dropped.finish();
            assertThat(run.report().outcome()).as(run.key() + " " + run.report().errors() + run.execution())
                    .isEqualTo(FileOutcome.SUCCEEDED);
            assertThat(run.report().counts().rejected()).as(run.key()).isZero();
            assertThat(run.report().counts().inserted()).as(run.key()).isEqualTo(run.report().counts().received());
            assertThat(run.report().warnings().first()).extracting(FileError::code)
                    .doesNotContain(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED);
        }
        for (String table : List.of("owners", "properties", "transactions", "documents")) {
            assertThat(businessRows(table, "a-rebours")).as(table).isNotEmpty()
                    .isEqualTo(businessRows(table, "en-ordre"));
        }
    }

    // ---------------------------------------------------------------------------------- at-least-once delivery

    @Test
    @Timeout(120)
    void sameNotificationDeliveredThreeTimes_makesOneRunOneSetOfRowsOneArchive_andTheDuplicatesAreRecorded()
            throws Exception {
        LocalPipeline.Dropped dropped = pipeline.get().drop(key("triple", "caracteristiques"),
                sample("triple", "caracteristiques"));
        ValidationService.Verdict second = dropped.deliverAgain();
        LocalPipeline.FileRun run = dropped.finish();
        ValidationService.Verdict third = dropped.deliverAgain(); // after the file was archived

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(List.of(second, third)).allSatisfy(v -> {
            assertThat(v.start()).isEqualTo(StartOutcome.ALREADY_STARTED);
            assertThat(v.runId()).isEqualTo(run.runId());
        });
        assertThat(query("select count(*) from ingestion_runs where partner_id = 'triple'")).isEqualTo(1);
        assertThat(query("select count(*) from properties where partner_id = 'triple'")).isEqualTo(3);
        assertThat(pipeline.get().keys(LocalPipeline.INGEST_BUCKET)).filteredOn(k -> k.startsWith("success/triple/"))
                .hasSize(4); // the file, its report and its page, and the catalogue of error codes the page links to
        List<String> deliveries = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                        "select outcome from file_deliveries where run_id = :run order by id")
                .bind("run", run.runId()).mapTo(String.class).list());
        assertThat(deliveries).containsExactly("STARTED", "DUPLICATE_IGNORED", "DUPLICATE_IGNORED");
        assertThat(query("select count(*) from audit_events where run_id = '" + run.runId()
                + "' and action = 'DUPLICATE_IGNORED'")).isEqualTo(2);
    }

    // ----------------------------------------------------------------------------------------- isolation

    @Test
    @Timeout(120)
    void twoPartnersWithTheSameExternalIds_neverTouchEachOthersRows() throws Exception {
        assertThat(pipeline.get().submit(key("alpha", "caracteristiques"), sample("alpha", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        List<Map<String, Object>> alphaBefore = rowsWithStamps("alpha");

        ObjectNode betaFile = read("caracteristiques", "beta");
        for (JsonNode record : betaFile.get("records")) {
            if (record.path("type").asText().equals("property")) {
                ((ObjectNode) record).put("label", "Libellé de beta");
            }
        }
        LocalPipeline.FileRun beta = pipeline.get().submit(key("beta", "caracteristiques"),
                write(betaFile, "beta", "caracteristiques"));

        assertThat(beta.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(beta.report().counts().inserted()).as("beta's records are new to beta").isEqualTo(5);
        assertThat(beta.report().counts().updated()).isZero();
        assertThat(rowsWithStamps("alpha")).as("alpha's rows, stamps included").isEqualTo(alphaBefore);
        assertThat(query("select count(*) from properties where partner_id = 'beta' "
                + "and label = 'Libellé de beta'")).isEqualTo(3);
    }

    @Test
    @Timeout(120)
    void recordReferringToAnotherPartnersProperty_isRejected_andNothingOfTheOtherPartnerChanges()
            throws Exception {
        ObjectNode withOwnProperty = read("caracteristiques", "delta-prop");
        ObjectNode extra = ((ObjectNode) firstOfType(withOwnProperty, "property")).deepCopy();
        extra.put("external_id", "DP-PRP-ONLY-MINE");
        ((ArrayNode) withOwnProperty.get("records")).add(extra);
        withOwnProperty.put("record_count", withOwnProperty.get("records").size());
        assertThat(pipeline.get().submit(key("delta-prop", "caracteristiques"),
                write(withOwnProperty, "delta-prop", "caracteristiques")).report().outcome())
                .isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(pipeline.get().submit(key("gamma", "caracteristiques"), sample("gamma", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        List<Map<String, Object>> otherBefore = rowsWithStamps("delta-prop");

        ObjectNode gammaTransactions = read("transactions", "gamma");
        ((ObjectNode) gammaTransactions.get("records").get(0)).put("property_external_id", "DP-PRP-ONLY-MINE");
        LocalPipeline.FileRun gamma = pipeline.get().submit(key("gamma", "transactions"),
                write(gammaTransactions, "gamma", "transactions"));

        assertThat(gamma.report().errors().first()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_PROPERTY_UNKNOWN);
            assertThat(e.recordIndex()).isZero();
            assertThat(e.pointer()).isEqualTo("/records/0/property_external_id");
            assertThat(e.value()).isEqualTo("DP-PRP-ONLY-MINE");
        });
        assertThat(query("select count(*) from transactions where partner_id = 'gamma' "
                + "and property_external_id = 'DP-PRP-ONLY-MINE'")).isZero();
        assertThat(rowsWithStamps("delta-prop")).isEqualTo(otherBefore);
    }

    // ------------------------------------------------------------------------------------------ the registry

    @Test
    @Timeout(120)
    void fileOfAnUnregisteredPartner_orOfALoaderItMayNotSend_isRefusedUnread_withItsOwnCode() throws Exception {
        LocalPipeline.FileRun stranger = pipeline.get().submit(key("inconnu", "transactions"),
                sample("inconnu", "transactions"));
        LocalPipeline.FileRun notAllowed = pipeline.get().submit(key("caracteristiques-seules", "transactions"),
                sample("caracteristiques-seules", "transactions"));

        assertThat(stranger.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(stranger.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.PARTNER_UNKNOWN);
        assertThat(stranger.report().sha256()).as("not read").isNull();
        assertThat(stranger.reportKey()).startsWith("failure/inconnu/");
        assertThat(notAllowed.report().errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.LOADER_NOT_ALLOWED);
        assertThat(query("select count(*) from transactions where partner_id in ('inconnu', "
                + "'caracteristiques-seules')")).isZero();
    }

    // ------------------------------------------------------------------------------------ delta retirements

    @Test
    @Timeout(120)
    void deltaRetirement_retiresTheListedRecord_andASnapshotMayNotAskForOne() throws Exception {
        for (String loader : List.of("caracteristiques", "transactions")) {
            assertThat(pipeline.get().submit(key("retraits", loader), sample("retraits", loader)).report().outcome())
                    .isEqualTo(FileOutcome.SUCCEEDED);
        }
        ObjectNode retire = read("transactions", "retraits");
        retire.put("snapshot_date", "2026-11-24");
        ArrayNode records = retire.putArray("records");
        records.addObject().put("external_id", "GI-TRX-20261001-0001").put("action", "retire");
        records.addObject().put("external_id", "GI-TRX-NEVER-SENT").put("action", "retire");
        retire.put("record_count", 2);

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/retraits/transactions_20261124.json",
                write(retire, "retraits", "transactions_20261124"));

        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(run.report().counts().retired()).isEqualTo(1);
        assertThat(run.report().counts().unchanged()).as("the unknown one changes nothing").isEqualTo(1);
        assertThat(run.report().counts().addsUp()).isTrue();
        assertThat(query("select count(*) from transactions where partner_id = 'retraits' "
                + "and external_id = 'GI-TRX-20261001-0001' and retired_at is not null")).isEqualTo(1);
        assertThat(query("select count(*) from transactions where partner_id = 'retraits' "
                + "and retired_at is null")).isEqualTo(12);

        retire.put("mode", "snapshot");
        retire.put("snapshot_date", "2026-11-25");
        LocalPipeline.FileRun snapshot = pipeline.get().submit("inbox/retraits/transactions_20261125.json",
                write(retire, "retraits", "transactions_20261125"));

        assertThat(snapshot.report().errors().first()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RETIRE_IN_SNAPSHOT);
            assertThat(e.pointer()).isEqualTo("/records/0/action");
        });
        assertThat(query("select count(*) from transactions where partner_id = 'retraits' "
                + "and retired_at is null")).isEqualTo(12);
    }

    // ------------------------------------------------------------------------------------------ GDPR erasure

    @Test
    @Timeout(120)
    void erasureRequest_deletesTheOwnerAndAllTiedToThem_inTheDatabaseStagingArchiveAndDocuments_onlyOnce()
            throws Exception {
        List<LocalPipeline.FileRun> night = new ArrayList<>();
        for (String loader : List.of("caracteristiques", "transactions", "documents")) {
            night.add(pipeline.get().submit(key("effacement", loader), sample("effacement", loader)));
        }
        assertThat(night).allMatch(r -> r.report().outcome() == FileOutcome.SUCCEEDED);
        String erasedDocument = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select storage_key from documents where partner_id = 'effacement' "
                        + "and property_external_id = 'GI-PRP-001203'").mapTo(String.class).one());

        LocalPipeline.FileRun erasure = pipeline.get().submit("inbox/effacement/caracteristiques_20261124.json",
                write(erasureRequest("effacement", "GI-OWN-000412", "RGPD-2026-0042", "2026-11-24"), "effacement",
                        "caracteristiques_20261124"));

        assertThat(erasure.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(erasure.report().counts().erased()).isEqualTo(1);
        assertThat(erasure.report().counts().addsUp()).isTrue();
        assertThat(erasure.report().warnings().first()).filteredOn(w -> w.code() == ErrorCode.ERASURE_APPLIED)
                .singleElement().satisfies(w -> assertThat(w.message().en())
                        .contains("2 propert", "7 transaction", "1 document", "3 archived file"));
        // the database: the owner and everything tied to them, and nothing of the other owner
        assertThat(query("select count(*) from owners where partner_id = 'effacement'")).isEqualTo(1);
        assertThat(query("select count(*) from properties where partner_id = 'effacement'")).isEqualTo(1);
        assertThat(query("select count(*) from transactions where partner_id = 'effacement'")).isEqualTo(6);
        assertThat(query("select count(*) from documents where partner_id = 'effacement'")).isEqualTo(1);
        assertThat(query("select count(*) from owner_files where partner_id = 'effacement' "
                + "and owner_external_id = 'GI-OWN-000412'")).isZero();
        // the documents bucket: the erased owner's document object, and only it
        assertThat(pipeline.get().keys(LocalPipeline.DOCUMENTS_BUCKET)).filteredOn(k -> k.startsWith("effacement/"))
                .hasSize(1).doesNotContain(erasedDocument);
        // staging and archive: no copy of the owner's data left
        for (LocalPipeline.FileRun run : night) {
            assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, "staging/" + run.runId()
                    + "/validated.jsonl.gz")).isFalse();
            assertThat(pipeline.get().store().exists(LocalPipeline.INGEST_BUCKET, "staging/" + run.runId()
                    + "/transformed.rows.gz")).isFalse();
            String archived = new String(pipeline.get().store().open(new com.qlower.loaders.steps.FileRef(
                    LocalPipeline.INGEST_BUCKET, run.report().archivedKey(), null)).readAllBytes());
            assertThat(archived).doesNotContain("GI-OWN-000412", "GI-PRP-001203", "GI-PRP-001204", "Rousseau");
            JsonNode rewritten = ContractJson.partnerFileMapper().readTree(archived);
            assertThat(rewritten.get("record_count").asLong()).isEqualTo(rewritten.get("records").size())
                    .isPositive();
        }
        // the trail: one erasure, counts and a hash, no identifier of the owner; its S3 work done
        Map<String, Object> trail = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select * from erasures where partner_id = 'effacement'").mapToMap().one());
        assertThat(trail).containsEntry("request_reference", "RGPD-2026-0042").containsEntry("owners", 1L)
                .containsEntry("properties", 2L).containsEntry("transactions", 7L).containsEntry("documents", 1L)
                .containsEntry("files", 3L);
        assertThat(trail.get("purged_at")).isNotNull();
        assertThat(trail.values()).noneMatch(v -> String.valueOf(v).contains("GI-OWN-000412"));
        List<String> erasedEvents = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select detail from audit_events where run_id = :run and action = 'ERASED'")
                .bind("run", erasure.runId()).mapTo(String.class).list());
        assertThat(erasedEvents).singleElement().asString().startsWith("request RGPD-2026-0042: owners 1, "
                + "properties 2, transactions 7, documents 1").doesNotContain("GI-OWN-000412");
        assertThat(query("select count(*) from erasure_purges where done_at is null "
                + "or owner_external_id is not null or property_external_ids is not null")).isZero();

        LocalPipeline.FileRun again = pipeline.get().submit("inbox/effacement/caracteristiques_20261125.json",
                write(erasureRequest("effacement", "GI-OWN-000412", "RGPD-2026-0042-bis", "2026-11-25"),
                        "effacement",
                        "caracteristiques_20261125"));

        assertThat(again.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(again.report().warnings().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.ERASURE_ALREADY_DONE);
        assertThat(query("select count(*) from erasures where partner_id = 'effacement'")).isEqualTo(1);
        assertThat(query("select count(*) from transactions where partner_id = 'effacement'")).isEqualTo(6);
    }

    @Test
    @Timeout(120)
    void erasureRequest_forAnOwnerTheSameFileSends_isRejected_andErasesNothing() throws Exception {
        ObjectNode both = read("caracteristiques", "conflit");
        ((ArrayNode) both.get("records")).addObject().put("type", "erasure_request")
                .put("owner_external_id", "GI-OWN-000412").put("reference", "RGPD-1")
                .put("requested_at", "2026-11-22T10:00:00+01:00");
        both.put("record_count", both.get("records").size());
        both.put("mode", "delta");

        LocalPipeline.FileRun run = pipeline.get().submit(key("conflit", "caracteristiques"),
                write(both, "conflit", "caracteristiques"));

        assertThat(run.report().errors().first()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ERASURE_CONFLICT);
            assertThat(e.recordIndex()).isEqualTo(5);
        });
        assertThat(query("select count(*) from erasures where partner_id = 'conflit'")).isZero();
    }

    // ------------------------------------------------------------------------------------------- fixtures

    /** A delta caracteristiques file holding one erasure request. */
    private static ObjectNode erasureRequest(String partner, String owner, String reference, String date)
            throws IOException {
        ObjectNode file = read("caracteristiques", partner);
        file.put("mode", "delta");
        file.put("snapshot_date", date);
        ArrayNode records = file.putArray("records");
        records.addObject().put("type", "erasure_request").put("owner_external_id", owner)
                .put("reference", reference).put("requested_at", "2026-11-23T18:30:00+01:00");
        file.put("record_count", 1);
        return file;
    }

    private static void awaitState(String executionName, String state) throws InterruptedException {
        statesEntered.await(executionName, state);
    }

    /** A partner's rows of a table, without what differs between two loads of the same data (times, run ids). */
    private static List<Map<String, Object>> businessRows(String table, String partner) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery("select * from " + table
                        + " where partner_id = :partner order by external_id")
                .bind("partner", partner).mapToMap().list()).stream()
                .map(row -> {
                    Map<String, Object> kept = new java.util.TreeMap<>(row);
                    List.of("partner_id", "created_at", "updated_at", "last_run_id", "storage_key")
                            .forEach(kept::remove);
                    return (Map<String, Object>) kept;
                }).toList();
    }

    private static List<Map<String, Object>> rowsWithStamps(String partner) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String table : List.of("owners", "properties", "transactions", "documents")) {
            rows.addAll(pipeline.get().database().jdbi().withHandle(h -> h.createQuery("select * from " + table
                    + " where partner_id = :partner order by external_id").bind("partner", partner)
                    .mapToMap().list()));
        }
        return rows;
    }

    private static long query(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String key(String partner, String loader) {
        return "inbox/" + partner + "/" + loader + "_" + DATE + ".json";
    }

    /** The sample drop's file of that loader, as the given partner sends it. */
    private static Path sample(String partner, String loader) throws IOException {
        return SampleNight.drop(work).sample(partner, loader);
    }

    private static ObjectNode read(String loader, String partner) throws IOException {
        return SampleNight.drop(work).read(loader, partner);
    }

    private static Path write(ObjectNode file, String partner, String stem) throws IOException {
        return SampleNight.drop(work).write(file, partner, stem);
    }

    private static JsonNode firstOfType(ObjectNode file, String type) {
        return SampleNight.firstOfType(file, type);
    }
}
