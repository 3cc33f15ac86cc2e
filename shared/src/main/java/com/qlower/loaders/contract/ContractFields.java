package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the contract's JSON Schemas say about each field of a record type, read from the schemas themselves: its
 * kind (text, number, money, date…), whether it is required, the values a coded field takes. The rules the
 * validator applies beyond the schemas (tolerant reading, blank texts, date bounds) find their fields here, so the
 * schemas and the code cannot drift apart.
 */
public final class ContractFields {

    /** What a field holds, as its schema says. */
    public enum Kind { TEXT, NUMBER, INTEGER, MONEY, DATE, DATE_TIME, CODE, OBJECT, CONSTANT }

    /**
     * One field of a record type.
     *
     * @param name its name in its object
     * @param required required in its object (a field required under a condition, like a person's names, is not)
     * @param minLength the schema's minLength of a text, 0 without one
     * @param codes the accepted values of a coded field (CODE)
     * @param fields the fields of an object (OBJECT)
     */
    public record Field(String name, Kind kind, boolean required, int minLength, List<String> codes,
                        List<Field> fields) {
    }

    private final Map<String, List<Field>> byType;
    private final Map<String, List<Conditional>> conditionalsByType;

    /** A field required when another field has a value: {@code kind = person} requires the names. */
    private record Conditional(String field, String value, List<String> required) {
    }

    private ContractFields(Map<String, List<Field>> byType, Map<String, List<Conditional>> conditionalsByType) {
        this.byType = byType;
        this.conditionalsByType = conditionalsByType;
    }

    /** Reads the fields of every record type of a loader from its schema ({@code contract/v1/{loader}.schema.json}). */
    public static ContractFields of(Loader loader) {
        String resource = "contract/v1/" + loader.wireName() + ".schema.json";
        JsonNode schema;
        try (InputStream in = ContractFields.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource);
            }
            schema = ContractJson.internalMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode defs = schema.path("$defs");
        Map<String, List<Field>> byType = new LinkedHashMap<>();
        Map<String, List<Conditional>> conditionals = new LinkedHashMap<>();
        for (String type : RecordValidator.recordTypes(loader)) {
            byType.put(type, fieldsOf(defs.path(type), defs));
            List<Conditional> rules = new ArrayList<>();
            for (JsonNode clause : defs.path(type).path("allOf")) {
                clause.path("if").path("properties").fields().forEachRemaining(condition -> {
                    List<String> required = new ArrayList<>();
                    clause.path("then").path("required").forEach(r -> required.add(r.asText()));
                    rules.add(new Conditional(condition.getKey(), condition.getValue().path("const").asText(),
                            List.copyOf(required)));
                });
            }
            conditionals.put(type, List.copyOf(rules));
        }
        return new ContractFields(Map.copyOf(byType), Map.copyOf(conditionals));
    }

    /** The fields of a record type, in the schema's order. */
    public List<Field> fields(String recordType) {
        return byType.getOrDefault(recordType, List.of());
    }

    /** The fields this record requires beyond those always required: those its own values call for. */
    public Set<String> requiredBy(String recordType, JsonNode record) {
        Set<String> required = new HashSet<>();
        for (Conditional rule : conditionalsByType.getOrDefault(recordType, List.of())) {
            if (rule.value().equals(record.path(rule.field()).asText(null))) {
                required.addAll(rule.required());
            }
        }
        return required;
    }

    private static List<Field> fieldsOf(JsonNode object, JsonNode defs) {
        Set<String> required = new HashSet<>();
        object.path("required").forEach(r -> required.add(r.asText()));
        List<Field> fields = new ArrayList<>();
        object.path("properties").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode property = entry.getValue();
            String ref = property.path("$ref").asText("");
            JsonNode resolved = ref.isEmpty() ? property : defs.path(ref.substring(ref.lastIndexOf('/') + 1));
            String refName = ref.isEmpty() ? "" : ref.substring(ref.lastIndexOf('/') + 1).replace("_or_null", "");
            Kind kind = kindOf(refName, resolved);
            List<String> codes = new ArrayList<>();
            resolved.path("enum").forEach(v -> {
                if (!v.isNull()) {
                    codes.add(v.asText());
                }
            });
            fields.add(new Field(name, kind, required.contains(name), resolved.path("minLength").asInt(0),
                    List.copyOf(codes), kind == Kind.OBJECT ? fieldsOf(resolved, defs) : List.of()));
        });
        return List.copyOf(fields);
    }

    private static Kind kindOf(String refName, JsonNode schema) {
        if (refName.equals("money")) {
            return Kind.MONEY;
        }
        if (schema.has("const")) {
            return Kind.CONSTANT;
        }
        if (schema.has("enum")) {
            return Kind.CODE;
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        if (types.contains("object")) {
            return Kind.OBJECT;
        }
        if (types.contains("integer")) {
            return Kind.INTEGER;
        }
        if (types.contains("number")) {
            return Kind.NUMBER;
        }
        return switch (schema.path("format").asText("")) {
            case "date" -> Kind.DATE;
            case "date-time" -> Kind.DATE_TIME;
            default -> Kind.TEXT;
        };
    }
}
