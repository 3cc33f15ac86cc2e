package com.qlower.loaders.adapters.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.steps.StepJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state machine SAM deploys, {@code statemachine/file-pipeline.asl.json}, as the contract of the functions'
 * requests and results: what each task state sends as its {@code Payload}, and what its {@code ResultSelector} takes
 * from the function's output.
 */
public final class FilePipelineDefinition {

    public static final Path PATH = Path.of("../statemachine/file-pipeline.asl.json");

    private FilePipelineDefinition() {
    }

    /**
     * The event file is what the state sends: the fields of its {@code Parameters.Payload} (a JSONPath field without
     * its {@code .$}), nested objects alike and constant values equal; and the request record reads it strictly.
     */
    public static void assertSendsTheEvent(String state, String eventFile, Class<?> requestType) throws IOException {
        JsonNode payload = states().path(state).path("Parameters").path("Payload");
        JsonNode event = ContractJson.internalMapper().readTree(Path.of(eventFile).toFile());
        assertShape(payload, event, eventFile);
        StepJson.mapper().treeToValue(event, requestType); // no field the record does not know
    }

    /**
     * Every field the states' {@code ResultSelector} takes from {@code $.Payload} is in the result as the Lambda
     * runtime serializes it. Returns that output.
     */
    public static <T> JsonNode assertSelectsFrom(T result, String... states) throws IOException {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) result.getClass();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(type, ClassLoader.getSystemClassLoader()).toJson(result, json);
        JsonNode payload = ContractJson.internalMapper().readTree(json.toByteArray());
        JsonNode definition = states();
        for (String state : states) {
            definition.path(state).path("ResultSelector").forEach(path -> {
                String field = path.asText().replaceFirst("^\\$\\.Payload\\.", "");
                assertThat(payload.has(field)).as("%s selects %s from %s", state, field, payload).isTrue();
            });
        }
        return payload;
    }

    private static JsonNode states() throws IOException {
        return ContractJson.internalMapper().readTree(PATH.toFile()).path("States");
    }

    private static void assertShape(JsonNode payload, JsonNode event, String where) {
        List<String> expected = new ArrayList<>();
        payload.fieldNames().forEachRemaining(f -> expected.add(f.replaceFirst("\\.\\$$", "")));
        List<String> actual = new ArrayList<>();
        event.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as(where).containsExactlyInAnyOrderElementsOf(expected);
        for (Map.Entry<String, JsonNode> f : payload.properties()) {
            if (f.getValue().isObject()) {
                assertShape(f.getValue(), event.path(f.getKey()), where + "/" + f.getKey());
            } else if (!f.getKey().endsWith(".$")) {
                assertThat(event.path(f.getKey())).as(where + "/" + f.getKey()).isEqualTo(f.getValue());
            }
        }
    }
}
