package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of Amazon States Language's JSONPath that our definition uses: {@code $} and {@code $.a.b.c}, and in
 * Parameters the context object's {@code $$.Execution.Name}. Anything else (filters, wildcards, indexes, intrinsic
 * functions, other context fields) is refused loudly rather than misread.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** A path that names nothing in the input: Step Functions fails the execution with States.Runtime. */
    static final class PathNotFound extends RuntimeException {
        PathNotFound(String path) {
            super("JSONPath " + path + " names nothing in the state's input");
        }
    }

    static JsonNode read(JsonNode node, String path) {
        JsonNode current = node;
        for (String field : fields(path)) {
            if (current == null || !current.isObject() || !current.has(field)) {
                throw new PathNotFound(path);
            }
            current = current.get(field);
        }
        return current;
    }

    static boolean isPresent(JsonNode node, String path) {
        try {
            read(node, path);
            return true;
        } catch (PathNotFound e) {
            return false;
        }
    }

    /** ResultPath: the input with the result placed at the path ({@code $} replaces the input). */
    static JsonNode write(JsonNode input, String path, JsonNode result) {
        String[] fields = fields(path);
        if (fields.length == 0) {
            return result;
        }
        ObjectNode root = input != null && input.isObject() ? ((ObjectNode) input).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        ObjectNode parent = root;
        for (int i = 0; i < fields.length - 1; i++) {
            JsonNode child = parent.get(fields[i]);
            if (child == null || !child.isObject()) {
                child = parent.putObject(fields[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(fields[fields.length - 1], result);
        return root;
    }

    /** The context object of an execution, as far as the local runner fills it: {@code $$.Execution.Name}. */
    static JsonNode context(String executionName) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.putObject("Execution").put("Name", executionName);
        return context;
    }

    /** ResultSelector: fields ending in {@code .$} take the value at their path. */
    static JsonNode template(JsonNode template, JsonNode input) {
        return template(template, input, null);
    }

    /**
     * Parameters: fields ending in {@code .$} take the value at their path, in the input, or in the context object
     * (see {@link #context}) for a path starting with {@code $$.}.
     */
    static JsonNode template(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().endsWith(".$")) {
                    String path = field.getValue().asText();
                    out.set(field.getKey().substring(0, field.getKey().length() - 2),
                            path.startsWith("$$.") ? readContext(context, path) : read(input, path));
                } else {
                    out.set(field.getKey(), template(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(item -> out.add(template(item, input, context)));
            return out;
        }
        return template.deepCopy();
    }

    private static JsonNode readContext(JsonNode context, String path) {
        if (context == null || !path.equals("$$.Execution.Name")) {
            throw new UnsupportedDefinition("context path '" + path + "' is beyond what the local runner supports "
                    + "($$.Execution.Name, in Parameters)");
        }
        return read(context, path.substring(1));
    }

    private static String[] fields(String path) {
        if ("$".equals(path)) {
            return new String[0];
        }
        if (path == null || !path.startsWith("$.") || !path.substring(2).matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new UnsupportedDefinition("JSONPath '" + path + "' is beyond what the local runner supports "
                    + "($ or $.field.field)");
        }
        return path.substring(2).split("\\.");
    }
}
