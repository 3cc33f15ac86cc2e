package com.qlower.loaders.steps;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON of the state machine's data (execution input, step requests and results): camelCase, as the Lambda Java
 * runtime reads and writes handler records. Unknown fields are an error, so that the definition and the records
 * cannot drift apart unnoticed.
 */
public final class StepJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StepJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
