package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a state's data flows through it, as Step Functions applies its paths: {@code InputPath} picks the state's
 * input, {@code ResultPath} places its result into that input, {@code OutputPath} picks what goes on.
 */
final class StateDataPaths {

    private StateDataPaths() {
    }

    static JsonNode input(JsonNode state, JsonNode data) {
        return state.has("InputPath") ? JsonPaths.read(data, state.get("InputPath").asText()) : data;
    }

    static JsonNode output(JsonNode state, JsonNode data) {
        return state.has("OutputPath") ? JsonPaths.read(data, state.get("OutputPath").asText()) : data;
    }

    static JsonNode resultPath(JsonNode state, JsonNode data, JsonNode result) {
        if (!state.has("ResultPath")) {
            return result;
        }
        if (state.get("ResultPath").isNull()) {
            return data; // ResultPath: null keeps the input and drops the result
        }
        return JsonPaths.write(data, state.get("ResultPath").asText(), result);
    }
}
