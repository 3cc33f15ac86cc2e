package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes an Amazon States Language definition in-process: the same {@code statemachine/*.asl.json} that SAM
 * deploys, with its {@code DefinitionSubstitutions} filled with local function names. It supports the states and
 * fields our definition uses (Task on {@code lambda:invoke}, Choice, Pass, Wait, Succeed, Fail; Parameters,
 * ResultSelector, ResultPath, InputPath, OutputPath, Retry (MaxDelaySeconds too), Catch, TimeoutSeconds; the
 * context object's {@code $$.Execution.Name} in Parameters) and refuses any other when it loads, loudly. A task
 * that outlives its {@code TimeoutSeconds} fails with {@code States.Timeout} while its function runs on, as on
 * AWS.
 */
public final class LocalStateMachine {

    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath",
            "OutputPath");
    private static final Map<String, Set<String>> FIELDS_BY_TYPE = Map.of(
            "Task", Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds"),
            "Choice", Set.of("Choices", "Default"),
            "Pass", Set.of("Parameters", "Result", "ResultPath"),
            "Wait", Set.of("Seconds", "SecondsPath"),
            "Succeed", Set.of(),
            "Fail", Set.of("Error", "Cause"));
    private static final Set<String> CHOICE_OPERATORS = Set.of("StringEquals", "BooleanEquals", "NumericEquals",
            "IsPresent", "IsNull");

    /** Told of each state as the execution enters it, for progress output. */
    @FunctionalInterface
    public interface Listener {
        void stateEntered(String executionName, String stateName);
    }

    /**
     * Keeps an execution's progress, so that it can be redriven as Step Functions redrives one: each state as the
     * execution enters it, with the state's input, then the execution's end.
     */
    public interface Journal {
        Journal NONE = new Journal() {
            @Override
            public void entered(String executionName, JsonNode executionInput, String stateName, String stateType,
                                JsonNode stateInput) {
            }

            @Override
            public void ended(Execution execution) {
            }
        };

        void entered(String executionName, JsonNode executionInput, String stateName, String stateType,
                     JsonNode stateInput);

        void ended(Execution execution);
    }

    /** How long to wait between retries; the local runner shortens Step Functions' intervals. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(double seconds) throws InterruptedException;
    }

    /** The end of one execution, as the Step Functions console shows it. */
    public record Execution(String name, JsonNode input, Status status, JsonNode output, String error, String cause,
                            List<String> statesEntered) {
        public enum Status { SUCCEEDED, FAILED }
    }

    private final JsonNode states;
    private final String startAt;
    private final Map<String, LocalFunction> functions;
    private final Sleeper sleeper;
    private final Listener listener;
    private final Journal journal;
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param substitutions the definition's {@code ${Name}} placeholders and their values (function names)
     * @param functions the functions Task states may invoke, by the name the substitutions give them
     */
    public LocalStateMachine(String definition, Map<String, String> substitutions,
                             Map<String, LocalFunction> functions, Sleeper sleeper, Listener listener) {
        this(definition, substitutions, functions, sleeper, listener, Journal.NONE);
    }

    /** @param journal where each execution's progress is kept, for a redrive */
    public LocalStateMachine(String definition, Map<String, String> substitutions,
                             Map<String, LocalFunction> functions, Sleeper sleeper, Listener listener,
                             Journal journal) {
        JsonNode root = parse(substitute(definition, substitutions));
        this.states = root.path("States");
        this.startAt = root.path("StartAt").asText(null);
        this.functions = Map.copyOf(functions);
        this.sleeper = sleeper;
        this.listener = listener;
        this.journal = journal;
        checkSupported(root);
    }

    public Execution run(String executionName, JsonNode input) {
        return runFrom(executionName, input, startAt, input);
    }

    /**
     * Runs an execution again from one of its states, with the input that state had, as Step Functions' redrive
     * continues a failed execution from its unsuccessful step: what came before is not run again.
     */
    public Execution redrive(String executionName, JsonNode input, String fromState, JsonNode stateInput) {
        if (!states.has(fromState)) {
            throw new UnsupportedDefinition("no state " + fromState + " to redrive from");
        }
        return runFrom(executionName, input, fromState, stateInput);
    }

    private Execution runFrom(String executionName, JsonNode input, String firstState, JsonNode firstInput) {
        Execution execution = steps(executionName, input, firstState, firstInput);
        journal.ended(execution);
        return execution;
    }

    private Execution steps(String executionName, JsonNode input, String firstState, JsonNode firstInput) {
        List<String> entered = new ArrayList<>();
        String stateName = firstState;
        JsonNode data = firstInput;
        while (true) {
            entered.add(stateName);
            JsonNode state = states.get(stateName);
            String type = state.path("Type").asText();
            journal.entered(executionName, input, stateName, type, data);
            listener.stateEntered(executionName, stateName);
            try {
                switch (type) {
                    case "Succeed" -> {
                        return new Execution(executionName, input, Execution.Status.SUCCEEDED,
                                output(state, input(state, data)), null, null, entered);
                    }
                    case "Fail" -> {
                        return new Execution(executionName, input, Execution.Status.FAILED, null,
                                state.path("Error").asText(null), state.path("Cause").asText(null), entered);
                    }
                    case "Choice" -> {
                        stateName = choose(stateName, state, input(state, data));
                        continue;
                    }
                    case "Pass" -> data = pass(state, data, executionName);
                    case "Wait" -> {
                        JsonNode seconds = state.has("Seconds") ? state.get("Seconds")
                                : JsonPaths.read(input(state, data), state.path("SecondsPath").asText());
                        if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
                            throw new TaskFailed("States.Runtime", "state " + stateName
                                    + ": the wait is not a number of seconds: " + seconds);
                        }
                        sleep(seconds.asLong());
                        data = output(state, input(state, data));
                    }
                    case "Task" -> {
                        TaskOutcome outcome = task(stateName, state, data, executionName);
                        if (outcome.caughtBy != null) {
                            data = outcome.data;
                            stateName = outcome.caughtBy;
                            continue;
                        }
                        data = outcome.data;
                    }
                    default -> throw new UnsupportedDefinition("state type " + type);
                }
            } catch (TaskFailed failure) {
                return new Execution(executionName, input, Execution.Status.FAILED, null, failure.error, failure.cause,
                        entered);
            } catch (JsonPaths.PathNotFound e) {
                return new Execution(executionName, input, Execution.Status.FAILED, null, "States.Runtime",
                        "state " + stateName + ": " + e.getMessage(), entered);
            }
            if (state.path("End").asBoolean(false)) {
                return new Execution(executionName, input, Execution.Status.SUCCEEDED, data, null, null, entered);
            }
            stateName = state.path("Next").asText();
        }
    }

    private record TaskOutcome(JsonNode data, String caughtBy) {
    }

    private static final class TaskFailed extends RuntimeException {
        final String error;
        final String cause;

        TaskFailed(String error, String cause) {
            super(error + ": " + cause, null, false, false);
            this.error = error;
            this.cause = cause;
        }
    }

    private TaskOutcome task(String stateName, JsonNode state, JsonNode data, String executionName) {
        JsonNode effectiveInput = input(state, data);
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
                return new TaskOutcome(output(state, resultPath(state, data, selected)), null);
            } catch (UnsupportedDefinition | JsonPaths.PathNotFound e) {
                throw e;
            } catch (Exception e) {
                LocalFunction.Failure failure = LocalFunction.Failure.of(e);
                String error = failure.errorType();
                JsonNode retrier = matching(state.path("Retry"), error);
                if (retrier != null) {
                    int attempts = attemptsByRetrier.merge(retrier, 1, Integer::sum);
                    if (attempts <= retrier.path("MaxAttempts").asInt(3)) {
                        sleep(Math.min(retrier.path("IntervalSeconds").asDouble(1)
                                        * Math.pow(retrier.path("BackoffRate").asDouble(2), attempts - 1),
                                retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE)));
                        continue;
                    }
                }
                String cause = failure.cause();
                JsonNode catcher = matching(state.path("Catch"), error);
                if (catcher == null) {
                    throw new TaskFailed(error, cause);
                }
                ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
                errorOutput.put("Error", error);
                errorOutput.put("Cause", cause);
                String resultPath = catcher.has("ResultPath") ? catcher.get("ResultPath").asText() : "$";
                return new TaskOutcome(JsonPaths.write(data, resultPath, errorOutput), catcher.path("Next").asText());
            }
        }
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

    private void sleep(double seconds) {
        try {
            sleeper.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailed("States.Runtime", "interrupted while waiting");
        }
    }

    private static String choose(String stateName, JsonNode state, JsonNode input) {
        for (JsonNode rule : state.path("Choices")) {
            if (matches(rule, input)) {
                return rule.path("Next").asText();
            }
        }
        if (state.has("Default")) {
            return state.get("Default").asText();
        }
        throw new TaskFailed("States.NoChoiceMatched", "no choice of " + stateName + " matched");
    }

    private static boolean matches(JsonNode rule, JsonNode input) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input);
        }
        String variable = rule.path("Variable").asText();
        if (rule.has("IsPresent")) {
            return JsonPaths.isPresent(input, variable) == rule.get("IsPresent").asBoolean();
        }
        JsonNode value = JsonPaths.read(input, variable);
        if (rule.has("IsNull")) {
            return value.isNull() == rule.get("IsNull").asBoolean();
        }
        if (rule.has("StringEquals")) {
            return value.isTextual() && value.asText().equals(rule.get("StringEquals").asText());
        }
        if (rule.has("BooleanEquals")) {
            return value.isBoolean() && value.asBoolean() == rule.get("BooleanEquals").asBoolean();
        }
        if (rule.has("NumericEquals")) {
            return value.isNumber() && value.decimalValue().compareTo(rule.get("NumericEquals").decimalValue()) == 0;
        }
        throw new UnsupportedDefinition("choice rule " + rule);
    }

    private static JsonNode pass(JsonNode state, JsonNode data, String executionName) {
        JsonNode effectiveInput = input(state, data);
        JsonNode result = state.has("Result") ? state.get("Result")
                : state.has("Parameters")
                ? JsonPaths.template(state.get("Parameters"), effectiveInput, JsonPaths.context(executionName))
                : effectiveInput;
        return output(state, resultPath(state, data, result));
    }

    private static JsonNode input(JsonNode state, JsonNode data) {
        return state.has("InputPath") ? JsonPaths.read(data, state.get("InputPath").asText()) : data;
    }

    private static JsonNode output(JsonNode state, JsonNode data) {
        return state.has("OutputPath") ? JsonPaths.read(data, state.get("OutputPath").asText()) : data;
    }

    private static JsonNode resultPath(JsonNode state, JsonNode data, JsonNode result) {
        if (!state.has("ResultPath")) {
            return result;
        }
        if (state.get("ResultPath").isNull()) {
            return data; // ResultPath: null keeps the input and drops the result
        }
        return JsonPaths.write(data, state.get("ResultPath").asText(), result);
    }

    private static String substitute(String definition, Map<String, String> substitutions) {
        Matcher m = SUBSTITUTION.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                throw new UnsupportedDefinition("no value for the definition substitution ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode parse(String definition) {
        try {
            return new ObjectMapper().readTree(definition);
        } catch (IOException e) {
            throw new UnsupportedDefinition("the definition is not JSON: " + e.getMessage());
        }
    }

    private void checkSupported(JsonNode root) {
        if (startAt == null || !states.has(startAt)) {
            throw new UnsupportedDefinition("StartAt names no state");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode state = entry.getValue();
            String type = state.path("Type").asText();
            Set<String> allowed = FIELDS_BY_TYPE.get(type);
            if (allowed == null) {
                throw new UnsupportedDefinition("state " + name + " is of type " + type
                        + ", which the local runner does not execute");
            }
            state.fieldNames().forEachRemaining(field -> {
                if (!COMMON_FIELDS.contains(field) && !allowed.contains(field)) {
                    throw new UnsupportedDefinition("state " + name + " uses " + field
                            + ", which the local runner does not execute");
                }
            });
            if (type.equals("Task") && !LAMBDA_INVOKE.equals(state.path("Resource").asText())) {
                throw new UnsupportedDefinition("state " + name + " uses resource " + state.path("Resource").asText()
                        + "; the local runner executes only " + LAMBDA_INVOKE);
            }
            if (type.equals("Wait") && state.has("Seconds") == state.has("SecondsPath")) {
                throw new UnsupportedDefinition("state " + name + " needs exactly one of Seconds and SecondsPath");
            }
            if (type.equals("Choice")) {
                state.path("Choices").forEach(LocalStateMachine::checkChoiceRule);
            }
            for (String target : List.of("Next", "Default")) {
                if (state.has(target) && !states.has(state.get(target).asText())) {
                    throw new UnsupportedDefinition("state " + name + " goes to unknown state "
                            + state.get(target).asText());
                }
            }
        }
    }

    private static void checkChoiceRule(JsonNode rule) {
        if (rule.has("And") || rule.has("Or")) {
            rule.path(rule.has("And") ? "And" : "Or").forEach(LocalStateMachine::checkChoiceRule);
            return;
        }
        if (rule.has("Not")) {
            checkChoiceRule(rule.get("Not"));
            return;
        }
        boolean known = false;
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (CHOICE_OPERATORS.contains(field)) {
                known = true;
            } else if (!Set.of("Variable", "Next", "Comment").contains(field)) {
                throw new UnsupportedDefinition("choice operator " + field + " is not executed by the local runner");
            }
        }
        if (!known) {
            throw new UnsupportedDefinition("choice rule without a supported operator: " + rule);
        }
    }
}
