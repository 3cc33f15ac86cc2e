package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * A Choice state's rules: which of them the local runner executes ({@code And}, {@code Or}, {@code Not} over
 * {@link #OPERATORS}), checked when the definition loads, and which rule's {@code Next} an input goes to.
 */
final class ChoiceRules {

    static final Set<String> OPERATORS = Set.of("StringEquals", "BooleanEquals", "NumericEquals", "IsPresent",
            "IsNull");

    private ChoiceRules() {
    }

    /** The state the first matching rule names, else the {@code Default}; no match and no default fails. */
    static String choose(String stateName, JsonNode state, JsonNode input) {
        for (JsonNode rule : state.path("Choices")) {
            if (matches(rule, input)) {
                return rule.path("Next").asText();
            }
        }
        if (state.has("Default")) {
            return state.get("Default").asText();
        }
        throw new StateFailure("States.NoChoiceMatched", "no choice of " + stateName + " matched");
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

    /** Refuses, when the definition loads, a rule with an operator the local runner does not execute. */
    static void checkSupported(JsonNode rule) {
        if (rule.has("And") || rule.has("Or")) {
            rule.path(rule.has("And") ? "And" : "Or").forEach(ChoiceRules::checkSupported);
            return;
        }
        if (rule.has("Not")) {
            checkSupported(rule.get("Not"));
            return;
        }
        boolean known = false;
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (OPERATORS.contains(field)) {
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
