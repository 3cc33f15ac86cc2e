package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A quick first look at a value against one of the contract's JSON Schemas, compiled once from the schema itself:
 * it answers {@link Verdict#VALID} only where the full validator would report nothing, so the record needs no
 * second look; anything else ({@link Verdict#INVALID}, or {@link Verdict#UNKNOWN} for what it does not decide: a
 * keyword or format it does not know, a number that may or may not be an integer) goes to the full validator, which
 * says what is wrong, in the partner's words. The generic schema walk costs most of the validator's time on a large
 * file of valid records; this does not build messages, paths or sets for them.
 *
 * <p>Its keywords are those of the contract's schemas ({@code type}, {@code const}, {@code enum}, {@code pattern}
 * with the JDK's regular expressions and {@code find}, as the full validator does, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code format: date} and
 * {@code date-time}, {@code contentEncoding: base64}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code allOf}, {@code oneOf}, {@code if}/{@code then}/{@code else},
 * and {@code $ref} within the schema; {@code format: email} is left to the full validator).
 * ContractShortcutAgreementTest proves that the validator with and without it reads every sample and corpus record
 * and envelope, and mutations of them, alike. When it says VALID, the full schemas are not even compiled
 * ({@link ContractSchemas}).
 * The keywords that look at one value alone are {@link ValueKeywords}; this class compiles the schema's structure
 * around them (objects, arrays, combinations, references).
 */
public final class SchemaShortcut {

    /** What the look found. */
    public enum Verdict {
        /** The schema reports nothing on this value. */
        VALID,
        /** The schema reports something on this value. */
        INVALID,
        /** Not decided here: ask the full validator. */
        UNKNOWN;

        static Verdict of(boolean valid) {
            return valid ? VALID : INVALID;
        }

        /** Both hold. */
        Verdict and(Verdict other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            return this == VALID && other == VALID ? VALID : UNKNOWN;
        }
    }

    /** One compiled keyword or schema. */
    @FunctionalInterface
    interface Check {
        Verdict on(JsonNode value);
    }

    /** Keywords that say nothing of validity. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
            "description", "examples", "default", "deprecated", "readOnly", "writeOnly");

    private final JsonNode document;
    /** Each {@code $ref} target compiled once, in the constructor; read-only once it returns. */
    private final Map<String, Check> byPointer = new HashMap<>();
    private final Check root;

    private SchemaShortcut(JsonNode document, String pointer) {
        this.document = document;
        this.root = at(pointer);
    }

    /**
     * The shortcut for the schema at {@code pointer} ({@code ""} for the whole document, {@code /$defs/transaction}
     * for a record) of a schema document.
     */
    public static SchemaShortcut of(JsonNode document, String pointer) {
        return new SchemaShortcut(document, pointer);
    }

    public Verdict check(JsonNode value) {
        return root.on(value);
    }

    private Check at(String pointer) {
        Check known = byPointer.get(pointer);
        if (known != null) {
            return known;
        }
        JsonNode schema = document.at(pointer);
        if (schema.isMissingNode()) {
            return value -> Verdict.UNKNOWN;
        }
        Check[] compiled = new Check[1];
        byPointer.put(pointer, value -> compiled[0].on(value)); // a reference back to it, while it compiles
        compiled[0] = compile(schema);
        byPointer.put(pointer, compiled[0]);
        return compiled[0];
    }

    private Check compile(JsonNode schema) {
        if (schema.isBoolean()) {
            Verdict always = Verdict.of(schema.booleanValue());
            return value -> always;
        }
        if (!schema.isObject()) {
            return value -> Verdict.UNKNOWN;
        }
        List<Check> checks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> keyword = it.next();
            String name = keyword.getKey();
            if (!ANNOTATIONS.contains(name) && !name.equals("then") && !name.equals("else")) {
                checks.add(keyword(name, keyword.getValue(), schema));
            }
        }
        Check[] all = checks.toArray(Check[]::new);
        return value -> {
            Verdict verdict = Verdict.VALID;
            for (Check check : all) {
                verdict = verdict.and(check.on(value));
                if (verdict == Verdict.INVALID) {
                    return verdict;
                }
            }
            return verdict;
        };
    }

    private Check keyword(String name, JsonNode argument, JsonNode schema) {
        return switch (name) {
            case "type" -> ValueKeywords.type(argument);
            case "const" -> value -> ValueKeywords.equal(value, argument);
            case "enum" -> ValueKeywords.anyEqual(argument);
            case "pattern" -> ValueKeywords.pattern(Pattern.compile(argument.textValue()));
            case "minLength" -> ValueKeywords.length(argument.intValue(), Integer.MAX_VALUE);
            case "maxLength" -> ValueKeywords.length(0, argument.intValue());
            case "minimum" -> ValueKeywords.bound(argument.decimalValue(), true, false);
            case "exclusiveMinimum" -> ValueKeywords.bound(argument.decimalValue(), true, true);
            case "maximum" -> ValueKeywords.bound(argument.decimalValue(), false, false);
            case "format" -> ValueKeywords.format(argument.textValue());
            case "contentEncoding" -> ValueKeywords.contentEncoding(argument.textValue());
            case "required" -> ValueKeywords.required(argument);
            case "properties" -> properties(argument);
            case "additionalProperties" -> additionalProperties(argument, schema.path("properties"));
            case "items" -> items(compile(argument));
            case "allOf" -> allOf(argument);
            case "oneOf" -> oneOf(argument);
            case "if" -> ifThenElse(compile(argument), schema.get("then"), schema.get("else"));
            case "$ref" -> argument.textValue().startsWith("#") ? reference(argument.textValue().substring(1))
                    : value -> Verdict.UNKNOWN;
            default -> value -> Verdict.UNKNOWN;
        };
    }

    /**
     * Compiled now, while the constructor runs: one shortcut serves every validator thread, and a reference
     * compiled at its first check wrote the shared map from several threads at once (one thread read another's
     * placeholder before its target was compiled). A reference back to a schema still compiling gets the
     * placeholder, which is complete before the constructor returns.
     */
    private Check reference(String pointer) {
        return at(pointer);
    }

    private Check properties(JsonNode properties) {
        Map<String, Check> byName = new HashMap<>();
        properties.fields().forEachRemaining(p -> byName.put(p.getKey(), compile(p.getValue())));
        return eachField(byName::get);
    }

    private Check additionalProperties(JsonNode argument, JsonNode properties) {
        Check others = compile(argument);
        return eachField(name -> properties.has(name) ? null : others);
    }

    /** Each field of an object through the check its name gives (null: none); INVALID from the first field that is. */
    private static Check eachField(Function<String, Check> checkOf) {
        return value -> {
            if (!value.isObject()) {
                return Verdict.VALID;
            }
            Verdict verdict = Verdict.VALID;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Check check = checkOf.apply(field.getKey());
                if (check != null) {
                    verdict = verdict.and(check.on(field.getValue()));
                    if (verdict == Verdict.INVALID) {
                        return verdict;
                    }
                }
            }
            return verdict;
        };
    }

    private static Check items(Check each) {
        return value -> {
            if (!value.isArray()) {
                return Verdict.VALID;
            }
            Verdict verdict = Verdict.VALID;
            for (JsonNode item : value) {
                verdict = verdict.and(each.on(item));
            }
            return verdict;
        };
    }

    private List<Check> compileEach(JsonNode schemas) {
        List<Check> all = new ArrayList<>();
        schemas.forEach(s -> all.add(compile(s)));
        return all;
    }

    private Check allOf(JsonNode schemas) {
        List<Check> all = compileEach(schemas);
        return value -> {
            Verdict verdict = Verdict.VALID;
            for (Check check : all) {
                verdict = verdict.and(check.on(value));
            }
            return verdict;
        };
    }

    private Check oneOf(JsonNode schemas) {
        List<Check> all = compileEach(schemas);
        return value -> {
            int valid = 0;
            for (Check check : all) {
                Verdict one = check.on(value);
                if (one == Verdict.UNKNOWN) {
                    return one;
                }
                valid += one == Verdict.VALID ? 1 : 0;
            }
            return Verdict.of(valid == 1);
        };
    }

    private Check ifThenElse(Check condition, JsonNode then, JsonNode otherwise) {
        Check thenCheck = then == null ? value -> Verdict.VALID : compile(then);
        Check elseCheck = otherwise == null ? value -> Verdict.VALID : compile(otherwise);
        return value -> switch (condition.on(value)) {
            case VALID -> thenCheck.on(value);
            case INVALID -> elseCheck.on(value);
            case UNKNOWN -> Verdict.UNKNOWN;
        };
    }
}
