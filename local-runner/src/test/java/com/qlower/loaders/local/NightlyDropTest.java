package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.validator.ValidationService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night's drop through the whole local pipeline (S3 protocol server, PostgreSQL, the deployed state machine):
 * the order the files land in, S3 delivering a notification more than once, and partners kept apart. Each test
 * uses partners of its own, so the tests share one pipeline and do not depend on each other.
 */
class NightlyDropTest {

    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final String DATE = "20261123";

    private static final Map<String, List<String>> statesByExecution = new ConcurrentHashMap<>();
    private static LocalPipeline pipeline;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        pipeline = new LocalPipeline(new LocalPipeline.Settings(null, null, (execution, state) ->
                statesByExecution.computeIfAbsent(execution, e -> new CopyOnWriteArrayList<>()).add(state), 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        pipeline.close();
    }

    // ---------------------------------------------------------------------------------------- arrival order

    @Test
    @Timeout(120)
    void nightsFiles_inReverseOrder_endAsInOrder_theLaterFilesWaitingForTheEarlierOnes() throws Exception {
        for (String loader : List.of("caracteristiques", "transactions", "documents")) {
            LocalPipeline.FileRun run = pipeline.submit(key("en-ordre", loader), sample("en-ordre", loader));
            assertThat(run.report().outcome()).as(loader + " " + run.report().errors()).isEqualTo(FileOutcome.SUCCEEDED);
        }

        // documents land first, then transactions, then the caracteristiques both refer to
        LocalPipeline.Dropped documents = pipeline.drop(key("a-rebours", "documents"),
                sample("a-rebours", "documents"));
        awaitState(documents.executionName(), "WaitForEarlierFiles");
        LocalPipeline.Dropped transactions = pipeline.drop(key("a-rebours", "transactions"),
                sample("a-rebours", "transactions"));
        awaitState(transactions.executionName(), "WaitForEarlierFiles");
        LocalPipeline.Dropped caracteristiques = pipeline.drop(key("a-rebours", "caracteristiques"),
                sample("a-rebours", "caracteristiques"));

        for (LocalPipeline.Dropped dropped : List.of(caracteristiques, transactions, documents)) {
            LocalPipeline.FileRun run = dropped.finish();
            assertThat(run.report().outcome()).as(run.key() + " " + run.report().errors() + run.execution()).isEqualTo(FileOutcome.SUCCEEDED);
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
        LocalPipeline.Dropped dropped = pipeline.drop(key("triple", "caracteristiques"),
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
        assertThat(pipeline.keys(LocalPipeline.INGEST_BUCKET)).filteredOn(k -> k.startsWith("success/triple/"))
                .hasSize(2); // the file and its report
        List<String> deliveries = pipeline.database().jdbi().withHandle(h -> h.createQuery(
                        "select outcome from file_deliveries where run_id = :run order by id")
                .bind("run", run.runId()).mapTo(String.class).list());
        assertThat(deliveries).containsExactly("STARTED", "DUPLICATE_IGNORED", "DUPLICATE_IGNORED");
    }

    // ----------------------------------------------------------------------------------------- isolation

    @Test
    @Timeout(120)
    void twoPartnersWithTheSameExternalIds_neverTouchEachOthersRows() throws Exception {
        assertThat(pipeline.submit(key("alpha", "caracteristiques"), sample("alpha", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        List<Map<String, Object>> alphaBefore = rowsWithStamps("alpha");

        ObjectNode betaFile = read("caracteristiques", "beta");
        for (JsonNode record : betaFile.get("records")) {
            if (record.path("type").asText().equals("property")) {
                ((ObjectNode) record).put("label", "Libellé de beta");
            }
        }
        LocalPipeline.FileRun beta = pipeline.submit(key("beta", "caracteristiques"),
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
        assertThat(pipeline.submit(key("delta-prop", "caracteristiques"),
                write(withOwnProperty, "delta-prop", "caracteristiques")).report().outcome())
                .isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(pipeline.submit(key("gamma", "caracteristiques"), sample("gamma", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        List<Map<String, Object>> otherBefore = rowsWithStamps("delta-prop");

        ObjectNode gammaTransactions = read("transactions", "gamma");
        ((ObjectNode) gammaTransactions.get("records").get(0)).put("property_external_id", "DP-PRP-ONLY-MINE");
        LocalPipeline.FileRun gamma = pipeline.submit(key("gamma", "transactions"),
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

    // ------------------------------------------------------------------------------------------- fixtures

    private static void awaitState(String executionName, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!statesByExecution.getOrDefault(executionName, List.of()).contains(state)) {
            assertThat(Instant.now()).as(executionName + " never entered " + state).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** A partner's rows of a table, without what differs between two loads of the same data (times, run ids). */
    private static List<Map<String, Object>> businessRows(String table, String partner) {
        return pipeline.database().jdbi().withHandle(h -> h.createQuery("select * from " + table
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
            rows.addAll(pipeline.database().jdbi().withHandle(h -> h.createQuery("select * from " + table
                    + " where partner_id = :partner order by external_id").bind("partner", partner)
                    .mapToMap().list()));
        }
        return rows;
    }

    private static long query(String sql) {
        return pipeline.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String key(String partner, String loader) {
        return "inbox/" + partner + "/" + loader + "_" + DATE + ".json";
    }

    /** The sample drop's file of that loader, as the given partner sends it. */
    private static Path sample(String partner, String loader) throws IOException {
        return write(read(loader, partner), partner, loader);
    }

    private static ObjectNode read(String loader, String partner) throws IOException {
        ObjectNode file = (ObjectNode) ContractJson.partnerFileMapper().readTree(
                DROP.resolve(loader + "_" + DATE + ".json").toFile());
        file.put("partner_id", partner);
        return file;
    }

    private static Path write(ObjectNode file, String partner, String loader) throws IOException {
        Path path = Files.createDirectories(work.resolve(partner)).resolve(loader + "_" + DATE + ".json");
        ContractJson.partnerFileMapper().writeValue(path.toFile(), file);
        return path;
    }

    private static JsonNode firstOfType(ObjectNode file, String type) {
        for (JsonNode record : file.get("records")) {
            if (record.path("type").asText().equals(type)) {
                return record;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }
}
