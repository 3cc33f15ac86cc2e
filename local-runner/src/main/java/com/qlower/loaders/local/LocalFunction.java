package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.steps.StepJson;

/**
 * A Lambda handler called in-process, JSON in and JSON out, as the {@code lambda:invoke} integration calls it on
 * AWS: the payload is read into the handler's own input record, strictly, so a definition that sends a field the
 * record lacks fails here as it would fail there.
 */
@FunctionalInterface
public interface LocalFunction {

    JsonNode invoke(JsonNode payload) throws Exception;

    static <I, O> LocalFunction of(RequestHandler<I, O> handler, Class<I> inputType) {
        return payload -> {
            I input = StepJson.mapper().treeToValue(payload, inputType);
            O output = handler.handleRequest(input, new LocalContext(handler.getClass().getSimpleName()));
            return StepJson.mapper().valueToTree(output);
        };
    }
}
