package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.SchemaShortcut.Check;
import com.qlower.loaders.contract.SchemaShortcut.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@link SchemaShortcut}'s keywords that look at one value alone ({@code type}, {@code const}, {@code enum},
 * {@code pattern}, {@code minLength}, {@code maxLength}, the bounds, {@code format}, {@code required}): each
 * compiled once into a check that answers {@link Verdict#UNKNOWN} wherever the full validator might read it
 * otherwise.
 */
final class ValueKeywords {

    private ValueKeywords() {
    }

    static Check type(JsonNode argument) {
        List<String> types = new ArrayList<>();
        if (argument.isArray()) {
            argument.forEach(t -> types.add(t.textValue()));
        } else {
            types.add(argument.textValue());
        }
        return value -> {
            Verdict verdict = Verdict.INVALID;
            for (String type : types) {
                Verdict one = switch (type) {
                    case "string" -> Verdict.of(value.isTextual());
                    case "number" -> Verdict.of(value.isNumber());
                    // 1.0 may count as an integer: left to the validator
                    case "integer" -> value.isIntegralNumber() ? Verdict.VALID
                            : value.isNumber() ? Verdict.UNKNOWN : Verdict.INVALID;
                    case "boolean" -> Verdict.of(value.isBoolean());
                    case "null" -> Verdict.of(value.isNull());
                    case "object" -> Verdict.of(value.isObject());
                    case "array" -> Verdict.of(value.isArray());
                    default -> Verdict.UNKNOWN;
                };
                if (one == Verdict.VALID) {
                    return one;
                }
                verdict = one == Verdict.UNKNOWN ? one : verdict;
            }
            return verdict;
        };
    }

    /** Equal values; numbers that differ only in how they are written are left to the validator. */
    static Verdict equal(JsonNode value, JsonNode expected) {
        if (value.equals(expected)) {
            return Verdict.VALID;
        }
        return value.isNumber() && expected.isNumber() ? Verdict.UNKNOWN : Verdict.INVALID;
    }

    static Check anyEqual(JsonNode values) {
        return value -> {
            Verdict verdict = Verdict.INVALID;
            for (JsonNode expected : values) {
                Verdict one = equal(value, expected);
                if (one == Verdict.VALID) {
                    return one;
                }
                verdict = one == Verdict.UNKNOWN ? one : verdict;
            }
            return verdict;
        };
    }

    /** The JDK's {@code find}, as the full validator does; a text the quick form matches whole needs no more. */
    static Check pattern(Pattern pattern) {
        AnchoredCharPattern quick = AnchoredCharPattern.of(pattern.pattern()).orElse(null);
        return value -> {
            if (!value.isTextual()) {
                return Verdict.VALID;
            }
            String text = value.textValue();
            return quick != null && quick.matchesWhole(text) ? Verdict.VALID
                    : Verdict.of(pattern.matcher(text).find());
        };
    }

    /** Lengths in code points, as the schema counts them; decided only when UTF-16 units agree. */
    static Check length(int min, int max) {
        return value -> {
            if (!value.isTextual()) {
                return Verdict.VALID;
            }
            String text = value.textValue();
            boolean units = text.length() >= min && text.length() <= max;
            int codePoints = text.codePointCount(0, text.length());
            boolean points = codePoints >= min && codePoints <= max;
            return units == points ? Verdict.of(points) : Verdict.UNKNOWN;
        };
    }

    static Check bound(BigDecimal limit, boolean lower, boolean exclusive) {
        return value -> {
            if (!value.isNumber()) {
                return Verdict.VALID;
            }
            int comparison = value.decimalValue().compareTo(limit);
            if (comparison == 0) {
                // at the bound: binary fractions and exclusiveness are left to the validator
                return exclusive || !value.isIntegralNumber() ? Verdict.UNKNOWN : Verdict.VALID;
            }
            return Verdict.of(lower ? comparison > 0 : comparison < 0);
        };
    }

    /**
     * {@code date}: a real calendar date in ISO form; {@code date-time}: one in RFC 3339's plainest form (the
     * envelope's {@code generated_at}); anything else, and any other format, is left to the validator.
     */
    static Check format(String format) {
        Predicate<String> surelyValid = switch (format) {
            case "date" -> IsoDate::isRealDate;
            case "date-time" -> IsoDate::isPlainDateTime;
            default -> text -> false;
        };
        return value -> {
            if (!value.isTextual()) {
                return Verdict.VALID;
            }
            return surelyValid.test(value.textValue()) ? Verdict.VALID : Verdict.UNKNOWN;
        };
    }

    /**
     * {@code base64}: a text the JDK's basic decoder reads is one the full validator finds nothing to say of, whether
     * it asserts the keyword (with that decoder) or takes it as an annotation; the rest is left to it.
     */
    static Check contentEncoding(String encoding) {
        return value -> {
            if (!value.isTextual()) {
                return Verdict.VALID;
            }
            if (!encoding.equals("base64")) {
                return Verdict.UNKNOWN;
            }
            try {
                Base64.getDecoder().decode(value.textValue());
                return Verdict.VALID;
            } catch (IllegalArgumentException e) {
                return Verdict.UNKNOWN;
            }
        };
    }

    static Check required(JsonNode names) {
        List<String> required = new ArrayList<>();
        names.forEach(n -> required.add(n.textValue()));
        return value -> {
            if (!value.isObject()) {
                return Verdict.VALID;
            }
            for (String name : required) {
                if (!value.has(name)) {
                    return Verdict.INVALID;
                }
            }
            return Verdict.VALID;
        };
    }
}
