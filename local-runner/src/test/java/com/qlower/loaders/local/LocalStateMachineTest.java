package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.TransientFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpreter, on the very definition SAM deploys, with scripted functions standing in for the Lambdas. */
class LocalStateMachineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "TransformerFunctionArn", "transformer", "IntegratorFunctionArn", "integrator",
            "ArchiverFunctionArn", "archiver", "NotifierFunctionArn", "notifier");

    private final Map<String, List<JsonNode>> payloads = new HashMap<>();
    private final List<Double> sleeps = new ArrayList<>();
    private LocalFunction notifier = p -> json("{\"email\":\"SENT\",\"webhook\":\"NONE\"}");

    private static String deployedDefinition() throws IOException {
        return Files.readString(Path.of("../statemachine/file-pipeline.asl.json"));
    }

    /** How many times a task calls its function for an error its first retrier retries and that never passes. */
    private static int attemptsOfFirstRetrier(String state) throws IOException {
        return 1 + json(deployedDefinition()).at("/States/" + state + "/Retry/0/MaxAttempts").asInt();
    }

    private LocalFunction recording(String name, LocalFunction behaviour) {
        return payload -> {
            payloads.computeIfAbsent(name, n -> new ArrayList<>()).add(payload);
            return behaviour.invoke(payload);
        };
    }

    private LocalStateMachine machine(LocalFunction transformer, LocalFunction integrator) throws IOException {
        return new LocalStateMachine(deployedDefinition(), SUBSTITUTIONS, Map.of(
                "transformer", recording("transformer", transformer),
                "integrator", recording("integrator", integrator),
                "archiver", recording("archiver",
                        p -> json("{\"archivedKey\":\"a.json\",\"reportKey\":\"a.report.json\"}")),
                "notifier", recording("notifier", notifier)),
                sleeps::add, (execution, state) -> { });
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static JsonNode input(String outcome) throws IOException {
        return json("""
                {"runId":"r1","file":{"bucket":"b","key":"inbox/p1/transactions_20261123.json","versionId":"v1"},
                 "run":{"partnerId":"p1","loader":"TRANSACTIONS","mode":"DELTA","snapshotDate":"2026-11-23",
                        "correction":0,"sha256":null,"rejectTolerance":{"percent":5.0,"records":2},
                        "deletionGuard":{"percent":10.0,"records":5},"profile":null},
                 "validation":{"outcome":"%s","received":3,"rejected":0}}""".formatted(outcome));
    }

    private static LocalFunction transformed(String outcome) {
        return p -> json("{\"outcome\":\"" + outcome + "\",\"stagedKey\":\"staging/r1/transformed.rows.gz\","
                + "\"accepted\":3,\"rejected\":0,\"waitSeconds\":0}");
    }

    private static final LocalFunction INTEGRATED = p -> json(
            "{\"outcome\":\"ACCEPTED\",\"inserted\":3,\"updated\":0,\"unchanged\":0,\"retired\":0}");

    @Test
    void acceptedFile_goesThroughTransformIntegrateAndArchive_passingReferencesOnly() throws Exception {
        LocalStateMachine.Execution execution = machine(transformed("ACCEPTED"), INTEGRATED).run("e1",
                input("ACCEPTED"));

        assertThat(execution.status()).isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
        assertThat(execution.statesEntered()).containsExactly("WasFileAccepted", "Transform", "WereRecordsAccepted",
                "Integrate", "WasIntegrationApplied", "ArchiveIntegratedFile", "NotifyIntegrated", "FileIntegrated");
        JsonNode run = input("ACCEPTED").get("run");
        ObjectNode sent = (ObjectNode) json("{\"runId\":\"r1\",\"executionName\":\"e1\",\"file\":{\"bucket\":\"b\","
                + "\"key\":\"inbox/p1/transactions_20261123.json\",\"versionId\":\"v1\"}}");
        assertThat(payloads.get("transformer").get(0)).as("what the validator learnt of the file travels as run")
                .isEqualTo(sent.set("run", run));
        assertThat(payloads.get("integrator").get(0)).as("the integrator finds the staged records by the run id")
                .isEqualTo(payloads.get("transformer").get(0));
        assertThat(payloads.get("archiver").get(0).get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(payloads.values()).as("every step is told the execution's name ($$.Execution.Name)")
                .allSatisfy(calls -> assertThat(calls).allMatch(p -> p.path("executionName").asText().equals("e1")));
        assertThat(execution.output().at("/integrate/inserted").asInt()).isEqualTo(3);
        assertThat(execution.output().at("/archive/reportKey").asText()).isEqualTo("a.report.json");
        assertThat(payloads.get("notifier").get(0)).as("the notifier is also told where the archive put the report")
                .isEqualTo(((ObjectNode) payloads.get("transformer").get(0).deepCopy())
                        .set("archive", json("{\"archivedKey\":\"a.json\",\"reportKey\":\"a.report.json\"}")));
        assertThat(execution.output().at("/notify/email").asText()).isEqualTo("SENT");
    }

    @Test
    void notificationThatFails_afterItsRetries_neverChangesHowTheFileEnded() throws Exception {
        notifier = p -> {
            throw new TransientFailure("SES answered 503", null);
        };

        LocalStateMachine.Execution integrated = machine(transformed("ACCEPTED"), INTEGRATED).run("e1",
                input("ACCEPTED"));
        LocalStateMachine.Execution rejected = machine(transformed("ACCEPTED"), INTEGRATED).run("e2",
                input("REJECTED"));

        assertThat(integrated.status()).isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
        assertThat(integrated.statesEntered()).endsWith("ArchiveIntegratedFile", "NotifyIntegrated",
                "FileIntegrated");
        assertThat(integrated.output().at("/notifyFailure/Error").asText())
                .isEqualTo("com.qlower.loaders.errors.TransientFailure");
        assertThat(payloads.get("notifier")).as("1 + the retries, twice")
                .hasSize(2 * attemptsOfFirstRetrier("NotifyIntegrated"));
        assertThat(rejected.status()).isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
        assertThat(rejected.statesEntered()).endsWith("NotifyRejected", "FileRejected");
    }

    @Test
    void rejectedFile_goesStraightToTheFailureArchive() throws Exception {
        LocalStateMachine.Execution execution = machine(transformed("ACCEPTED"), INTEGRATED).run("e1",
                input("REJECTED"));

        assertThat(execution.statesEntered()).containsExactly("WasFileAccepted", "ArchiveRejectedFile",
                "NotifyRejected", "FileRejected");
        assertThat(payloads).doesNotContainKeys("transformer", "integrator");
        assertThat(payloads.get("archiver").get(0).get("outcome").asText()).isEqualTo("FAILED");
    }

    @Test
    void tooManyRejectedRecords_skipIntegration() throws Exception {
        LocalStateMachine.Execution execution = machine(transformed("REJECTED"), INTEGRATED).run("e1",
                input("ACCEPTED"));

        assertThat(execution.statesEntered()).containsExactly("WasFileAccepted", "Transform", "WereRecordsAccepted",
                "ArchiveRejectedFile", "NotifyRejected", "FileRejected");
        assertThat(payloads).doesNotContainKey("integrator");
    }

    @Test
    void waitingFile_waitsTheSecondsTheTransformerAsks_thenTransformsAgain() throws Exception {
        int[] calls = {0};
        LocalFunction waitsTwice = p -> ++calls[0] <= 2
                ? json("{\"outcome\":\"WAITING\",\"accepted\":0,\"rejected\":0,\"waitSeconds\":300}")
                : transformed("ACCEPTED").invoke(p);

        LocalStateMachine.Execution execution = machine(waitsTwice, INTEGRATED).run("e1", input("ACCEPTED"));

        assertThat(execution.status()).isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
        assertThat(execution.statesEntered()).startsWith("WasFileAccepted", "Transform", "WereRecordsAccepted",
                "WaitForEarlierFiles", "Transform", "WereRecordsAccepted", "WaitForEarlierFiles", "Transform",
                "WereRecordsAccepted", "Integrate");
        assertThat(sleeps).containsExactly(300.0, 300.0);
        assertThat(payloads.get("transformer")).hasSize(3).allMatch(p -> p.equals(payloads.get("transformer").get(0)));
    }

    @Test
    void transientFailure_isRetriedWithBackoff_thenSucceeds() throws Exception {
        int[] calls = {0};
        LocalFunction flaky = p -> {
            if (++calls[0] < 3) {
                throw new TransientFailure("database connection lost", null);
            }
            return INTEGRATED.invoke(p);
        };

        LocalStateMachine.Execution execution = machine(transformed("ACCEPTED"), flaky).run("e1", input("ACCEPTED"));

        assertThat(execution.status()).isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(sleeps).containsExactly(3.0, 6.0);
    }

    @Test
    void otherFailure_isCaught_archivedAsFailed_andTheExecutionFails() throws Exception {
        LocalFunction broken = p -> {
            throw new IllegalStateException("boom");
        };

        LocalStateMachine.Execution execution = machine(transformed("ACCEPTED"), broken).run("e1",
                input("ACCEPTED"));

        assertThat(execution.status()).isEqualTo(LocalStateMachine.Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("PipelineFailed");
        assertThat(payloads.get("integrator")).hasSize(1);
        JsonNode archived = payloads.get("archiver").get(0);
        assertThat(archived.at("/failure/error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json(archived.at("/failure/cause").asText()).get("errorMessage").asText()).isEqualTo("boom");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transientFailure_thatNeverPasses_endsInTheFailureArchiveAfterItsRetries() throws Exception {
        int[] calls = {0};
        LocalFunction down = p -> {
            calls[0]++;
            throw new TransientFailure("down", null);
        };

        LocalStateMachine.Execution execution = machine(down, INTEGRATED).run("e1", input("ACCEPTED"));

        assertThat(calls[0]).isEqualTo(attemptsOfFirstRetrier("Transform"));
        assertThat(execution.statesEntered()).endsWith("ArchiveFailedFile", "NotifyFailed", "PipelineFailed");
    }

    @Test
    void unsupportedStateType_failsLoudlyWhenLoaded() {
        String definition = """
                {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true}}}""";

        assertThatThrownBy(() -> new LocalStateMachine(definition, Map.of(), Map.of(), s -> { }, (e, s) -> { }))
                .isInstanceOf(UnsupportedDefinition.class).hasMessageContaining("Map");
    }

    @Test
    void unsupportedField_orMissingSubstitution_failLoudly() {
        String withWait = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Seconds":3,"End":true}}}""";
        String waitWithBoth = """
                {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":3,"SecondsPath":"$.s","End":true}}}""";
        String withPlaceholder = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"${Missing}","End":true}}}""";

        assertThatThrownBy(() -> new LocalStateMachine(withWait, Map.of(), Map.of(), s -> { }, (e, s) -> { }))
                .isInstanceOf(UnsupportedDefinition.class).hasMessageContaining("Seconds");
        assertThatThrownBy(() -> new LocalStateMachine(waitWithBoth, Map.of(), Map.of(), s -> { }, (e, s) -> { }))
                .isInstanceOf(UnsupportedDefinition.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new LocalStateMachine(withPlaceholder, Map.of(), Map.of(), s -> { }, (e, s) -> { }))
                .isInstanceOf(UnsupportedDefinition.class).hasMessageContaining("Missing");
    }

    @Test
    void contextPathOtherThanTheExecutionName_isRefused() throws Exception {
        String withStartTime = deployedDefinition().replace("$$.Execution.Name", "$$.Execution.StartTime");

        LocalStateMachine machine = new LocalStateMachine(withStartTime, SUBSTITUTIONS, Map.of(
                "transformer", transformed("ACCEPTED")), s -> { }, (e, s) -> { });

        assertThatThrownBy(() -> machine.run("e1", input("ACCEPTED"))).isInstanceOf(UnsupportedDefinition.class)
                .hasMessageContaining("$$.Execution.StartTime");
    }

    @Test
    void missingPath_failsTheExecutionWithStatesRuntime() throws Exception {
        JsonNode noValidation = json("{\"runId\":\"r1\",\"file\":{}}");

        LocalStateMachine.Execution execution = machine(transformed("ACCEPTED"), INTEGRATED).run("e1", noValidation);

        assertThat(execution.status()).isEqualTo(LocalStateMachine.Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
    }
}
