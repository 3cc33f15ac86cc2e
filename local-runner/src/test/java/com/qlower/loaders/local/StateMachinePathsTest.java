package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ColdStartFailure;
import com.qlower.loaders.errors.CommittedNotReported;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.local.RecordedFunctions.Fault;
import com.qlower.loaders.local.RecordedFunctions.When;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.transformer.UpstreamWait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path of {@code statemachine/file-pipeline.asl.json}, driven by the real handlers (real S3 protocol server,
 * real PostgreSQL) whose outputs go through the Lambda runtime's own serializer, with faults injected at the
 * function boundary. Each execution is then written to {@code target/state-machine-paths/} (its input and every
 * call's payload and answer or error), for the independent executor ({@code aws-local-stepfunctions}, run by
 * {@code statemachine/independent-check}) to replay the same calls and check that it walks the same states to the
 * same end.
 */
@Slow(seconds = 9)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateMachinePathsTest {

    private static final Path FIXTURES = Path.of("target/state-machine-paths");
    private static final List<String> INTEGRATED = List.of("WasFileAccepted", "Transform", "WereRecordsAccepted",
            "Integrate", "WasIntegrationApplied", "ArchiveIntegratedFile", "NotifyIntegrated", "FileIntegrated");
    private static final List<String> REJECTED_BY_VALIDATOR = List.of("WasFileAccepted", "ArchiveRejectedFile",
            "NotifyRejected", "FileRejected");

    /**
     * How long a file waits at most for the night's earlier file: far more than that file takes on a busy machine
     * (the file whose earlier file never comes does not wait it out: the clock is moved ahead).
     */
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);
    private static final Duration WAIT_INTERVAL = Duration.ofSeconds(2);

    private static final RecordedFunctions functions = new RecordedFunctions();
    private static final StatesEntered statesEntered = new StatesEntered();
    private static final AdvanceableClock clock = new AdvanceableClock();

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.with(dbUrl -> new LocalPipeline.Settings(
            // a hundredth of AWS's waits (the retries of a report never written: 10 s instead of 100); a file waits
            // for the night's earlier file every 2 s, 120 s at most (6 s, then 20 s, were not enough for that file
            // with other classes running beside it); the file whose earlier file never comes reaches that deadline by
            // the clock moved ahead, not by waiting
            null, dbUrl, statesEntered, 100, new UpstreamWait(WAIT_INTERVAL, MAX_WAIT),
            com.qlower.loaders.adapters.logging.MetricsLog.discarded(), functions).withClock(clock))
            .withPartners("accepted", "invalid", "unknownrefs", "waits", "deadline", "guard", "integratefails",
                    "transients", "timeoutaftercommit", "reportaftercommit", "reportnever", "archiveintegratedfails",
                    "archiverejectedfails", "archivefailedfails", "notifyintegratedfails", "notifyrejectedfails",
                    "notifyfailedfails");

    @TempDir
    static Path work;

    @BeforeAll
    static void emptyTheFixturesFolder() throws Exception {
        Files.createDirectories(FIXTURES);
        try (var old = Files.list(FIXTURES)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the paths

    @Test
    @Order(1)
    void acceptedFile_endsInFileIntegrated() throws Exception {
        LocalPipeline.FileRun run = submitSample("accepted", "caracteristiques");

        assertPath(run, INTEGRATED, "FileIntegrated");
        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
    }

    @Test
    @Order(2)
    void fileRejectedByTheValidator_isArchivedAndNotified() throws Exception {
        LocalPipeline.FileRun run = submit("invalid", "caracteristiques", broken("invalid"));

        assertPath(run, REJECTED_BY_VALIDATOR, "FileRejected");
    }

    @Test
    @Order(3)
    void fileRejectedByTheTransformer_isArchivedAndNotified_althoughItsOutputHasNoStagedKey() throws Exception {
        assertPath(submitSample("unknownrefs", "caracteristiques"),
                INTEGRATED, "FileIntegrated");
        ObjectNode transactions = drop().read("transactions", "unknownrefs");
        transactions.get("records").forEach(r -> ((ObjectNode) r).put("property_external_id", "NOT-SENT-EVER"));

        LocalPipeline.FileRun run = submit("unknownrefs", "transactions", drop().write(transactions, "unknownrefs",
                "transactions"));

        assertPath(run, List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "ArchiveRejectedFile",
                "NotifyRejected", "FileRejected"), "FileRejected");
        assertThat(outputs("transformer")).anySatisfy(o -> assertThat(o.has("stagedKey"))
                .as("the runtime omits null fields: a REJECTED transform has no staged key").isFalse());
    }

    @Test
    @Order(4)
    void fileWaitingForTheNightsEarlierFile_waitsThenIsIntegrated() throws Exception {
        LocalPipeline.Dropped transactions = pipeline.get().drop(key("waits", "transactions"),
                drop().sample("waits", "transactions"));
        statesEntered.await(transactions.executionName(), "WaitForEarlierFiles");
        LocalPipeline.FileRun caracteristiques = submitSample("waits", "caracteristiques");

        assertPath(caracteristiques, INTEGRATED, "FileIntegrated");
        LocalPipeline.FileRun run = transactions.finish();
        record(run, "FileIntegrated");
        assertThat(run.execution().statesEntered()).startsWith("WasFileAccepted", "Transform", "WereRecordsAccepted",
                "WaitForEarlierFiles", "Transform").endsWith(INTEGRATED.subList(2, INTEGRATED.size())
                        .toArray(String[]::new));
    }

    @Test
    @Order(5)
    void fileWaitingUntilTheDeadline_isRejected() throws Exception {
        LocalPipeline.Dropped transactions = pipeline.get().drop(key("deadline", "transactions"),
                drop().sample("deadline", "transactions"));
        statesEntered.await(transactions.executionName(), "WaitForEarlierFiles");
        clock.advance(MAX_WAIT); // the caracteristiques never come: the file's time to wait for them has passed

        LocalPipeline.FileRun run = transactions.finish();

        record(run, "FileRejected");
        assertThat(run.execution().statesEntered()).contains("WaitForEarlierFiles")
                .endsWith("WereRecordsAccepted", "ArchiveRejectedFile", "NotifyRejected", "FileRejected");
        assertThat(functions.callsOf(run.execution().name())).as("the transformer's answers")
                .filteredOn(call -> call.function().equals("transformer") && call.errorType() == null)
                .extracting(call -> call.result().path("outcome").asText() + " " + call.result().path("waitSeconds"))
                .startsWith("WAITING " + WAIT_INTERVAL.toSeconds()).endsWith("REJECTED 0");
        assertThat(run.report().warnings().first()).extracting(FileError::code)
                .contains(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED);
    }

    @Test
    @Order(6)
    void snapshotBeyondTheDeletionGuard_isRefusedByTheIntegrator() throws Exception {
        ObjectNode full = drop().read("caracteristiques", "guard");
        ArrayNode records = (ArrayNode) full.get("records");
        JsonNode property = SampleNight.firstOfType(full, "property");
        for (int i = 0; i < 40; i++) {
            records.add(((ObjectNode) property.deepCopy()).put("external_id", "GUARD-PRP-" + i));
        }
        full.put("record_count", records.size());
        assertPath(submit("guard", "caracteristiques", drop().write(full, "guard", "caracteristiques")), INTEGRATED,
                "FileIntegrated");
        ArrayNode kept = records.deepCopy();
        // the next night's snapshot no longer has 35 of the 43 properties
        for (Iterator<JsonNode> it = kept.iterator(); it.hasNext(); ) {
            String id = it.next().path("external_id").asText();
            if (id.startsWith("GUARD-PRP-") && Integer.parseInt(id.substring("GUARD-PRP-".length())) < 35) {
                it.remove();
            }
        }
        full.set("records", kept);
        full.put("record_count", kept.size());
        full.put("snapshot_date", "2026-11-24");

        LocalPipeline.FileRun run = pipeline.get().submit("inbox/guard/caracteristiques_20261124.json",
                drop().write(full, "guard", "caracteristiques_20261124"));

        assertPath(run, List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate",
                "WasIntegrationApplied", "ArchiveRejectedFile", "NotifyRejected", "FileRejected"), "FileRejected");
    }

    @Test
    @Order(7)
    void errorAtIntegrate_archivesTheFileAsFailed() throws Exception {
        functions.plan("integratefails", new Fault("integrator", 1, When.INSTEAD,
                () -> new IllegalStateException("a bug in the integrator")));

        LocalPipeline.FileRun run = submitSample("integratefails", "caracteristiques");

        assertPath(run, List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate",
                "ArchiveFailedFile", "NotifyFailed", "PipelineFailed"), "PipelineFailed");
        assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
    }

    @Test
    @Order(8)
    void transientAndColdStartErrors_areRetried_onEveryTask() throws Exception {
        functions.plan("transients",
                new Fault("transformer", 1, When.INSTEAD, () -> new LocalFunction.Failure("Lambda.ServiceException",
                        "Lambda is unavailable")),
                new Fault("integrator", 1, When.INSTEAD, () -> new TransientFailure("connection lost", null)),
                new Fault("archiver", 1, When.INSTEAD, () -> new LocalFunction.Failure(
                        "Lambda.TooManyRequestsException", "Rate exceeded")),
                new Fault("notifier", 1, When.INSTEAD, () -> new ColdStartFailure(
                        "the notifier function could not start: the secret could not be read", null)));

        LocalPipeline.FileRun run = submitSample("transients", "caracteristiques");

        assertPath(run, INTEGRATED, "FileIntegrated");
        assertThat(functions.callsOf(run.execution().name())).extracting(RecordedFunctions.Call::errorType)
                .containsOnlyOnce("Lambda.ServiceException", TransientFailure.class.getName(),
                        "Lambda.TooManyRequestsException", ColdStartFailure.class.getName());
        assertThat(run.execution().output().has("notifyFailure")).isFalse();
    }

    @Test
    @Order(9)
    void integrateTimingOutAfterItsCommit_isRetried_andAnswersFromTheCommit() throws Exception {
        functions.plan("timeoutaftercommit", new Fault("integrator", 1, When.AFTER,
                () -> new LocalFunction.Failure("Sandbox.Timedout", "Task timed out after 900.00 seconds")));

        LocalPipeline.FileRun run = submitSample("timeoutaftercommit", "caracteristiques");

        assertPath(run, INTEGRATED, "FileIntegrated");
        assertThat(run.report().counts().inserted()).as("counted once").isEqualTo(run.report().counts().received());
    }

    @Test
    @Order(10)
    void reportFailingAfterTheCommit_isRetried_andTheFileEndsIntegrated() throws Exception {
        functions.plan("reportaftercommit", new Fault("integrator", 1, When.AFTER,
                () -> new CommittedNotReported("the report could not be written", null)));

        LocalPipeline.FileRun run = submitSample("reportaftercommit", "caracteristiques");

        assertPath(run, INTEGRATED, "FileIntegrated");
    }

    @Test
    @Order(11)
    void reportNeverWrittenAfterTheCommit_stopsForARedrive_andNeverArchivesTheFileAsFailed() throws Exception {
        functions.plan("reportnever", new Fault("integrator", 0, When.AFTER,
                () -> new CommittedNotReported("the report could not be written", null)));

        LocalPipeline.FileRun run = submitSample("reportnever", "caracteristiques");

        assertPath(run, List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate",
                "IntegratedNotReported"), "IntegratedNotReported");
        assertThat(pipeline.get().keys(LocalPipeline.INGEST_BUCKET)).as("still in the inbox, never in failure/")
                .contains(key("reportnever", "caracteristiques"))
                .noneMatch(k -> k.startsWith("failure/reportnever/"));
    }

    @Test
    @Order(12)
    void archiveFailing_endsInArchiveFailed_onEachOfTheThreeArchiveStates() throws Exception {
        failEveryCallOf("archiver", "archiveintegratedfails", "archiverejectedfails", "archivefailedfails");

        assertPath(submitSample("archiveintegratedfails", "caracteristiques"),
                List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate", "WasIntegrationApplied",
                        "ArchiveIntegratedFile", "ArchiveFailed"), "ArchiveFailed");
        assertPath(submit("archiverejectedfails", "caracteristiques", broken("archiverejectedfails")),
                List.of("WasFileAccepted", "ArchiveRejectedFile", "ArchiveFailed"), "ArchiveFailed");
        assertPath(submitSample("archivefailedfails", "caracteristiques"),
                List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate", "ArchiveFailedFile",
                        "ArchiveFailed"), "ArchiveFailed");
    }

    @Test
    @Order(13)
    void notificationFailing_neverChangesHowTheFileEnded_onEachOfTheThreeNotifyStates() throws Exception {
        failEveryCallOf("notifier", "notifyintegratedfails", "notifyrejectedfails", "notifyfailedfails");

        assertPath(submitSample("notifyintegratedfails", "caracteristiques"), INTEGRATED, "FileIntegrated");
        assertPath(submit("notifyrejectedfails", "caracteristiques", broken("notifyrejectedfails")),
                REJECTED_BY_VALIDATOR, "FileRejected");
        assertPath(submitSample("notifyfailedfails", "caracteristiques"),
                List.of("WasFileAccepted", "Transform", "WereRecordsAccepted", "Integrate", "ArchiveFailedFile",
                        "NotifyFailed", "PipelineFailed"), "PipelineFailed");
    }

    // ------------------------------------------------------------------------ what every path must agree on

    @Test
    @Order(100)
    void everyFieldTheDefinitionSelectsFromAResult_isInEveryResultTheHandlersGave() throws Exception {
        JsonNode definition = StepJson.mapper().readTree(Path.of("../statemachine/file-pipeline.asl.json")
                .toFile());
        Set<String> checked = new HashSet<>();
        definition.get("States").fields().forEachRemaining(state -> {
            JsonNode selector = state.getValue().path("ResultSelector");
            if (selector.isMissingNode()) {
                return;
            }
            String function = functionOf(state.getValue());
            List<JsonNode> results = outputs(function);
            assertThat(results).as("results of the " + function + " recorded").isNotEmpty();
            selector.fields().forEachRemaining(field -> {
                String path = field.getValue().asText();
                assertThat(path).as(state.getKey() + "." + field.getKey()).startsWith("$.Payload.");
                String name = path.substring("$.Payload.".length());
                assertThat(results).as(state.getKey() + " selects " + path + ", which every result of the "
                        + function + " must carry").allSatisfy(result -> assertThat(result.has(name)).isTrue());
                checked.add(function + "." + name);
            });
        });
        assertThat(checked).contains("transformer.outcome", "integrator.outcome", "archiver.reportKey",
                "notifier.email");
        assertThat(outputs("transformer")).extracting(o -> o.get("outcome").asText())
                .contains("ACCEPTED", "REJECTED", "WAITING");
        assertThat(outputs("integrator")).extracting(o -> o.get("outcome").asText())
                .contains("ACCEPTED", "REJECTED");
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** The function fails at every call for three partners: one integrated, one rejected, one failing at Integrate. */
    private static void failEveryCallOf(String function, String integrated, String rejected, String failed) {
        Fault refused = new Fault(function, 0, When.INSTEAD, () -> new IllegalStateException(function + " refused"));
        functions.plan(integrated, refused);
        functions.plan(rejected, refused);
        functions.plan(failed, new Fault("integrator", 0, When.INSTEAD, () -> new IllegalStateException("a bug")),
                refused);
    }

    private static String functionOf(JsonNode state) {
        String arn = state.path("Parameters").path("FunctionName").asText();
        return arn.replace("${", "").replace("FunctionArn}", "").toLowerCase();
    }

    private static List<JsonNode> outputs(String function) {
        return functions.allCalls().stream().filter(c -> c.function().equals(function) && c.errorType() == null)
                .map(RecordedFunctions.Call::result).toList();
    }

    private static LocalPipeline.FileRun submit(String partner, String loader, Path file) throws IOException {
        return pipeline.get().submit(key(partner, loader), file);
    }

    private static LocalPipeline.FileRun submitSample(String partner, String loader) throws IOException {
        return submit(partner, loader, drop().sample(partner, loader));
    }

    /** Asserts the states the project's interpreter walked, and records the execution for the independent one. */
    private static void assertPath(LocalPipeline.FileRun run, List<String> states, String end) throws IOException {
        assertThat(run.execution().statesEntered()).as(run.key() + " " + run.execution() + ", errors: "
                        + functions.callsOf(run.execution().name()).stream().filter(c -> c.errorType() != null)
                        .map(c -> c.function() + " " + c.cause()).toList())
                .containsExactlyElementsOf(states);
        record(run, end);
    }

    private static void record(LocalPipeline.FileRun run, String end) throws IOException {
        LocalStateMachine.Execution execution = run.execution();
        assertThat(execution.statesEntered()).last().isEqualTo(end);
        ObjectNode fixture = JsonNodeFactory.instance.objectNode();
        fixture.put("executionName", execution.name());
        fixture.set("input", execution.input());
        ArrayNode calls = fixture.putArray("calls");
        functions.callsOf(execution.name()).forEach(call -> calls.add(call.toJson()));
        fixture.set("states", StepJson.mapper().valueToTree(execution.statesEntered()));
        fixture.put("end", end);
        fixture.put("status", execution.status().name());
        Files.writeString(FIXTURES.resolve(execution.name() + ".json"),
                StepJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(fixture),
                StandardCharsets.UTF_8);
    }

    private static String key(String partner, String loader) {
        return "inbox/" + partner + "/" + loader + "_20261123.json";
    }

    private static SampleNight drop() {
        return SampleNight.drop(work);
    }

    private static Path broken(String partner) throws IOException {
        Path path = Files.createDirectories(work.resolve(partner)).resolve("broken.json");
        return Files.writeString(path, "{\"schema_version\": \"1.0\", \"partner_id\": ");
    }
}
