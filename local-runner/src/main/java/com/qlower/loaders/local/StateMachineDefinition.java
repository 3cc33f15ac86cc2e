package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon States Language definition as the local runner loads it: its {@code ${Name}} substitutions filled,
 * parsed, and checked to use only the states and fields {@link LocalStateMachine} executes, so that anything else
 * is refused when it loads, not half-run.
 */
final class StateMachineDefinition {

    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
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

    private final JsonNode states;
    private final String startAt;

    /** @param substitutions the definition's {@code ${Name}} placeholders and their values */
    StateMachineDefinition(String definition, Map<String, String> substitutions) {
        JsonNode root = parse(substitute(definition, substitutions));
        this.states = root.path("States");
        this.startAt = root.path("StartAt").asText(null);
        checkSupported();
    }

    String startAt() {
        return startAt;
    }

    boolean has(String stateName) {
        return states.has(stateName);
    }

    JsonNode state(String stateName) {
        return states.get(stateName);
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

    private void checkSupported() {
        if (startAt == null || !states.has(startAt)) {
            throw new UnsupportedDefinition("StartAt names no state");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            checkState(entry.getKey(), entry.getValue());
        }
    }

    private void checkState(String name, JsonNode state) {
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
            state.path("Choices").forEach(ChoiceRules::checkSupported);
        }
        for (String target : List.of("Next", "Default")) {
            if (state.has(target) && !states.has(state.get(target).asText())) {
                throw new UnsupportedDefinition("state " + name + " goes to unknown state "
                        + state.get(target).asText());
            }
        }
    }
}
