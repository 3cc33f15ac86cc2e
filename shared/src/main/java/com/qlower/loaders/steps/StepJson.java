package com.qlower.loaders.steps;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON of the state machine's data (execution input, step requests and results): camelCase, as the Lambda Java
 * runtime reads and writes handler records. Like the runtime's own (shaded) Jackson, it sees no Jackson annotation:
 * every enum travels by its name ({@code TRANSACTIONS}, not the key's {@code transactions}), which is what the
 * runtime reads back; a wire name would reach a handler as null. Unknown fields are an error, so that the
 * definition and the records cannot drift apart unnoticed.
 */
public final class StepJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.USE_ANNOTATIONS)
            .build();

    private StepJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
