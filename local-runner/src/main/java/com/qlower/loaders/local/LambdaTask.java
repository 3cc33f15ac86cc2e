package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;

/**
 * A Task state on {@code lambda:invoke}: its Parameters and ResultSelector, the call within its
 * {@code TimeoutSeconds}, its {@code Retry} rules (backoff, {@code MaxDelaySeconds}) and its {@code Catch} rules,
 * as Step Functions runs them.
 */
final class LambdaTask {

    /** The task's output, and the state a Catch sends it to ({@code null} when the task succeeded). */
    record Outcome(JsonNode data, String caughtBy) {
    }

    private final Map<String, LocalFunction> functions;
    private final DoubleConsumer sleep;
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param functions the functions tasks may invoke, by name
     * @param sleep waits so many seconds between retries
     */
    LambdaTask(Map<String, LocalFunction> functions, DoubleConsumer sleep) {
        this.functions = Map.copyOf(functions);
        this.sleep = sleep;
    }

    Outcome run(String stateName, JsonNode state, JsonNode data, String executionName) {
        JsonNode effectiveInput = StateDataPaths.input(state, data);
        JsonNode parameters = state.has("Parameters") ? JsonPaths.template(state.get("Parameters"), effectiveInput,
                JsonPaths.context(executionName)) : effectiveInput;
        LocalFunction function = functions.get(parameters.path("FunctionName").asText());
        if (function == null) {
            throw new UnsupportedDefinition("state " + stateName + " invokes an unknown function: "
                    + parameters.path("FunctionName").asText());
        }
        Map<JsonNode, Integer> attemptsByRetrier = new HashMap<>();
        while (true) {
            try {
                JsonNode payload = invoke(function, parameters.path("Payload"), state);
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.put("ExecutedVersion", "$LATEST");
                result.set("Payload", payload);
                result.put("StatusCode", 200);
                JsonNode selected = state.has("ResultSelector")
                        ? JsonPaths.template(state.get("ResultSelector"), result) : result;
                return new Outcome(StateDataPaths.output(state, StateDataPaths.resultPath(state, data, selected)),
                        null);
            } catch (UnsupportedDefinition | JsonPaths.PathNotFound e) {
                throw e;
            } catch (Exception e) {
                LocalFunction.Failure failure = LocalFunction.Failure.of(e);
                String error = failure.errorType();
                JsonNode retrier = matching(state.path("Retry"), error);
                if (retrier != null) {
                    int attempts = attemptsByRetrier.merge(retrier, 1, Integer::sum);
                    if (attempts <= retrier.path("MaxAttempts").asInt(3)) {
                        sleep.accept(Math.min(retrier.path("IntervalSeconds").asDouble(1)
                                        * Math.pow(retrier.path("BackoffRate").asDouble(2), attempts - 1),
                                retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE)));
                        continue;
                    }
                }
                return caught(state, data, error, failure.cause());
            }
        }
    }

    /** The error placed by the first Catch rule that takes it; none takes it, the execution fails. */
    private static Outcome caught(JsonNode state, JsonNode data, String error, String cause) {
        JsonNode catcher = matching(state.path("Catch"), error);
        if (catcher == null) {
            throw new StateFailure(error, cause);
        }
        ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
        errorOutput.put("Error", error);
        errorOutput.put("Cause", cause);
        String resultPath = catcher.has("ResultPath") ? catcher.get("ResultPath").asText() : "$";
        return new Outcome(JsonPaths.write(data, resultPath, errorOutput), catcher.path("Next").asText());
    }

    /** Calls the function, within the task's {@code TimeoutSeconds} if it has one. */
    private JsonNode invoke(LocalFunction function, JsonNode payload, JsonNode state) throws Exception {
        if (!state.has("TimeoutSeconds")) {
            return function.invoke(payload);
        }
        Future<JsonNode> call = invocations.submit(() -> function.invoke(payload));
        try {
            return call.get(state.get("TimeoutSeconds").asLong(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Step Functions stops waiting; the function is not stopped, it may still commit
            throw new LocalFunction.Failure("States.Timeout", "");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static JsonNode matching(JsonNode rules, String error) {
        for (JsonNode rule : rules) {
            for (JsonNode name : rule.path("ErrorEquals")) {
                String n = name.asText();
                // States.TaskFailed is every task error but a timeout
                if (n.equals(error) || n.equals("States.ALL")
                        || n.equals("States.TaskFailed") && !error.equals("States.Timeout")) {
                    return rule;
                }
            }
        }
        return null;
    }
}
