package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a partner's sample exports of one loader hold, for {@link ProfileSuggestion}: every path of their records
 * ({@code address/city}) with some of its values, and which paths are objects.
 */
final class SampledRecords {

    private static final int SAMPLED_VALUES = 200;

    private final Map<String, List<JsonNode>> valuesByPath = new LinkedHashMap<>();
    private final Set<String> objects = new LinkedHashSet<>();

    /** Adds the records of one sample file: the envelope with its records, or an array of records. */
    void addFile(JsonNode file) {
        JsonNode records = file.isArray() ? file : file.path("records");
        records.forEach(r -> {
            if (r.isObject()) {
                add("", r);
            }
        });
    }

    private void add(String prefix, JsonNode object) {
        object.fields().forEachRemaining(e -> {
            String path = prefix + e.getKey();
            if (e.getValue().isObject()) {
                objects.add(path);
                add(path + "/", e.getValue());
            } else {
                List<JsonNode> values = valuesByPath.computeIfAbsent(path, p -> new ArrayList<>());
                if (!e.getValue().isNull() && values.size() < SAMPLED_VALUES) {
                    values.add(e.getValue());
                }
            }
        });
    }

    /** Some of the values found at a path (none for an object's path). */
    List<JsonNode> valuesAt(String path) {
        return valuesByPath.getOrDefault(path, List.of());
    }

    boolean isObject(String path) {
        return objects.contains(path);
    }

    /** The objects' paths first, then the values', each in the order first seen. */
    List<String> paths() {
        List<String> paths = new ArrayList<>(objects);
        valuesByPath.keySet().stream().filter(p -> !objects.contains(p)).forEach(paths::add);
        return paths;
    }
}
