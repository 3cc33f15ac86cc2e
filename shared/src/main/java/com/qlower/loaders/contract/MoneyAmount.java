package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Exact money of the contract: a JSON number or a decimal string, at most 2 decimals, stored as integer cents.
 * Never goes through a binary float.
 */
public final class MoneyAmount {

    /** Integer digits a stored amount may have: 13 digits of euros fit a bigint of cents with room to spare. */
    public static final int MAX_INTEGER_DIGITS = 13;
    private static final Pattern DECIMAL_STRING = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private MoneyAmount() {
    }

    /** Why an amount cannot be stored. */
    public enum Problem { NOT_A_NUMBER, TOO_MANY_DECIMALS, OUT_OF_RANGE }

    /** Returns the problem with this amount, or null when {@link #toCents} will succeed. */
    public static Problem check(JsonNode node) {
        BigDecimal value = decimalOf(node);
        if (value == null) {
            return Problem.NOT_A_NUMBER;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // integer digits computed before any scaling: 1e2000000000 must not be expanded
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return Problem.OUT_OF_RANGE;
        }
        if (stripped.scale() > 2) {
            return Problem.TOO_MANY_DECIMALS;
        }
        return null;
    }

    /** The amount in cents; call {@link #check} first. */
    public static long toCents(JsonNode node) {
        Problem problem = check(node);
        if (problem != null) {
            throw new IllegalArgumentException("amount cannot be stored: " + problem);
        }
        return decimalOf(node).movePointRight(2).longValueExact();
    }

    /** Cents of an optional amount: null when absent. */
    public static Long toCentsOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : toCents(node);
    }

    private static BigDecimal decimalOf(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() || node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isTextual() && DECIMAL_STRING.matcher(node.textValue()).matches()
                && node.textValue().length() <= ContractJson.MAX_NUMBER_LENGTH) {
            return new BigDecimal(node.textValue());
        }
        return null;
    }
}
