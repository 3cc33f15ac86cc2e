package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.qlower.loaders.errors.ColdStartFailure;
import com.qlower.loaders.errors.CommittedNotReported;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.steps.StepJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the definition must say of every Task, read from {@code statemachine/file-pipeline.asl.json} and
 * {@code template.yaml}: the failures the review found (no timeout, cold starts not retried, contract errors
 * retried) cannot come back unnoticed.
 */
class StateMachineDefinitionTest {

    private static final Path DEFINITION = Path.of("../statemachine/file-pipeline.asl.json");
    private static final Path TEMPLATE = Path.of("../template.yaml");
    /** What a failed cold start, a crashed or timed-out sandbox surface as: retried on every task. */
    private static final List<String> COLD_START_AND_SANDBOX = List.of(ColdStartFailure.class.getName(),
            "Lambda.Unknown", "Runtime.ExitError", "Sandbox.Timedout", "States.Timeout");
    private static final List<String> TRANSIENT = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException", "Lambda.TooManyRequestsException",
            TransientFailure.class.getName());

    private static final Map<String, JsonNode> tasks = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        StepJson.mapper().readTree(DEFINITION.toFile()).get("States").fields().forEachRemaining(state -> {
            if (state.getValue().path("Type").asText().equals("Task")) {
                tasks.put(state.getKey(), state.getValue());
            }
        });
        assertThat(tasks).containsKeys("Transform", "Integrate", "ArchiveIntegratedFile", "ArchiveRejectedFile",
                "ArchiveFailedFile", "NotifyIntegrated", "NotifyRejected", "NotifyFailed");
    }

    @Test
    void everyTask_hasATimeout_justAboveItsFunctionsOwn() throws IOException {
        Map<String, Integer> functionTimeouts = functionTimeouts();
        tasks.forEach((name, task) -> {
            String function = task.path("Parameters").path("FunctionName").asText()
                    .replaceAll("^\\$\\{(.*)Arn}$", "$1");
            assertThat(functionTimeouts).as("the Timeout of " + function + " in template.yaml").containsKey(function);
            int functionTimeout = functionTimeouts.get(function);
            assertThat(task.path("TimeoutSeconds").asInt()).as(name + ": TimeoutSeconds lets the function's own "
                            + "timeout (Sandbox.Timedout) come first, and States.Timeout stop the wait soon after")
                    .isGreaterThan(functionTimeout).isLessThanOrEqualTo(functionTimeout + 60);
        });
    }

    @Test
    void everyTask_retriesTransientColdStartAndSandboxErrors_withBackoff() {
        tasks.forEach((name, task) -> {
            List<String> retried = new ArrayList<>();
            task.path("Retry").forEach(retrier -> {
                assertThat(retrier.path("BackoffRate").asDouble()).as(name).isGreaterThanOrEqualTo(2);
                assertThat(retrier.path("JitterStrategy").asText()).as(name).isEqualTo("FULL");
                retrier.path("ErrorEquals").forEach(error -> retried.add(error.asText()));
            });
            assertThat(retried).as(name).containsAll(TRANSIENT).containsAll(COLD_START_AND_SANDBOX);
        });
    }

    /**
     * A task whose function has SnapStart invokes a published version, whose restore may time out or which may not
     * be ready yet (inactive after 14 days unused): Lambda's errors for those are retried like a failed cold start.
     */
    @Test
    void everyTaskOfASnapStartFunction_retriesItsRestoreErrors() throws IOException {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        List<String> withSnapStart = new ArrayList<>();
        tasks.forEach((name, task) -> {
            String function = task.path("Parameters").path("FunctionName").asText()
                    .replaceAll("^\\$\\{(.*)Arn}$", "$1");
            if (template.at("/Resources/" + function + "/Properties/SnapStart/ApplyOn").asText()
                    .equals("PublishedVersions")) {
                withSnapStart.add(name);
                List<String> retried = new ArrayList<>();
                task.path("Retry").forEach(retrier -> retrier.path("ErrorEquals")
                        .forEach(error -> retried.add(error.asText())));
                assertThat(retried).as(name).contains("Lambda.SnapStartTimeoutException",
                        "Lambda.SnapStartNotReadyException");
            }
        });
        assertThat(withSnapStart).as("the tasks whose function has SnapStart").contains("Integrate",
                "ArchiveIntegratedFile", "NotifyIntegrated").doesNotContain("Transform");
    }

    @Test
    void noTask_retriesAContractErrorOrEveryError() {
        tasks.forEach((name, task) -> task.path("Retry").forEach(retrier -> retrier.path("ErrorEquals")
                .forEach(error -> assertThat(error.asText()).as(name + " retries it")
                        .isNotIn("States.ALL", "States.TaskFailed", ContractViolation.class.getName(),
                                ObjectNotFound.class.getName(), IllegalStateException.class.getName(),
                                IllegalArgumentException.class.getName()))));
    }

    @Test
    void committedRecords_areNeverArchivedAsFailed() {
        JsonNode integrate = tasks.get("Integrate");
        JsonNode firstCatch = integrate.path("Catch").get(0);
        assertThat(firstCatch.path("ErrorEquals").get(0).asText()).isEqualTo(CommittedNotReported.class.getName());
        assertThat(firstCatch.path("Next").asText()).isEqualTo("IntegratedNotReported");
        assertThat(integrate.path("Retry").get(0).path("ErrorEquals").toString())
                .contains(CommittedNotReported.class.getName());
    }

    /** {@code Timeout} of each {@code AWS::Serverless::Function}, the Globals' where a function sets none. */
    private static Map<String, Integer> functionTimeouts() throws IOException {
        // the YAML reader drops CloudFormation's short-form tags (!Ref x reads as x): only plain values are read here
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        int globalTimeout = template.at("/Globals/Function/Timeout").asInt(3);
        Map<String, Integer> timeouts = new HashMap<>();
        template.get("Resources").fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                timeouts.put(resource.getKey(),
                        resource.getValue().at("/Properties/Timeout").asInt(globalTimeout));
            }
        });
        return timeouts;
    }
}
