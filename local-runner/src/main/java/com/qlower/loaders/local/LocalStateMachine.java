package com.qlower.loaders.local;

import static com.qlower.loaders.local.StateDataPaths.input;
import static com.qlower.loaders.local.StateDataPaths.output;
import static com.qlower.loaders.local.StateDataPaths.resultPath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes an Amazon States Language definition in-process: the same {@code statemachine/*.asl.json} that SAM
 * deploys, with its {@code DefinitionSubstitutions} filled with local function names. It supports the states and
 * fields our definition uses (Task on {@code lambda:invoke}, Choice, Pass, Wait, Succeed, Fail; Parameters,
 * ResultSelector, ResultPath, InputPath, OutputPath, Retry (MaxDelaySeconds too), Catch, TimeoutSeconds; the
 * context object's {@code $$.Execution.Name} in Parameters) and refuses any other when it loads, loudly
 * ({@link StateMachineDefinition}). A task that outlives its {@code TimeoutSeconds} fails with
 * {@code States.Timeout} while its function runs on, as on AWS ({@link LambdaTask}).
 */
public final class LocalStateMachine {

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

    private final StateMachineDefinition definition;
    private final LambdaTask tasks;
    private final Sleeper sleeper;
    private final Listener listener;
    private final Journal journal;

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
        this.definition = new StateMachineDefinition(definition, substitutions);
        this.tasks = new LambdaTask(functions, this::sleep);
        this.sleeper = sleeper;
        this.listener = listener;
        this.journal = journal;
    }

    public Execution run(String executionName, JsonNode input) {
        return runFrom(executionName, input, definition.startAt(), input);
    }

    /**
     * Runs an execution again from one of its states, with the input that state had, as Step Functions' redrive
     * continues a failed execution from its unsuccessful step: what came before is not run again.
     */
    public Execution redrive(String executionName, JsonNode input, String fromState, JsonNode stateInput) {
        if (!definition.has(fromState)) {
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
            JsonNode state = definition.state(stateName);
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
                        stateName = ChoiceRules.choose(stateName, state, input(state, data));
                        continue;
                    }
                    case "Pass" -> data = pass(state, data, executionName);
                    case "Wait" -> {
                        JsonNode seconds = state.has("Seconds") ? state.get("Seconds")
                                : JsonPaths.read(input(state, data), state.path("SecondsPath").asText());
                        if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
                            throw new StateFailure("States.Runtime", "state " + stateName
                                    + ": the wait is not a number of seconds: " + seconds);
                        }
                        sleep(seconds.asLong());
                        data = output(state, input(state, data));
                    }
                    case "Task" -> {
                        LambdaTask.Outcome outcome = tasks.run(stateName, state, data, executionName);
                        data = outcome.data();
                        if (outcome.caughtBy() != null) {
                            stateName = outcome.caughtBy();
                            continue;
                        }
                    }
                    default -> throw new UnsupportedDefinition("state type " + type);
                }
            } catch (StateFailure failure) {
                return new Execution(executionName, input, Execution.Status.FAILED, null, failure.error(),
                        failure.cause(), entered);
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

    private void sleep(double seconds) {
        try {
            sleeper.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateFailure("States.Runtime", "interrupted while waiting");
        }
    }

    private static JsonNode pass(JsonNode state, JsonNode data, String executionName) {
        JsonNode effectiveInput = input(state, data);
        JsonNode result = state.has("Result") ? state.get("Result")
                : state.has("Parameters")
                ? JsonPaths.template(state.get("Parameters"), effectiveInput, JsonPaths.context(executionName))
                : effectiveInput;
        return output(state, resultPath(state, data, result));
    }
}
