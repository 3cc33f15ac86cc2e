package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.localservers.LambdaRuntimeJson;
import com.qlower.loaders.steps.StepJson;

/**
 * A Lambda handler called in-process, JSON in and JSON out, as the {@code lambda:invoke} integration calls it on
 * AWS. The payload is read and the result written by the Lambda Java runtime's own serializer
 * ({@link LambdaRuntimeJson}: null fields are omitted), so the state machine sees here exactly the JSON it sees
 * there. The payload is also checked strictly against the handler's input record first, so a definition that
 * sends a field the record lacks fails here, loudly, instead of being dropped as the runtime would drop it.
 */
@FunctionalInterface
public interface LocalFunction {

    JsonNode invoke(JsonNode payload) throws Exception;

    /** Wraps the functions the state machine invokes: the tests record their calls and inject faults there. */
    @FunctionalInterface
    interface Decorator {
        Decorator NONE = (name, function) -> function;

        LocalFunction decorate(String functionName, LocalFunction function);
    }

    /**
     * An error that Lambda or Step Functions names itself ({@code Lambda.ServiceException}, {@code States.Timeout},
     * {@code Sandbox.Timedout}), where a handler's exception is named by its class.
     *
     * @param cause what Step Functions puts in the error's {@code Cause}
     */
    final class Failure extends RuntimeException {
        private final String errorType;
        private final String cause;

        public Failure(String errorType, String cause) {
            super(errorType + ": " + cause, null, false, false);
            this.errorType = errorType;
            this.cause = cause;
        }

        /** How Step Functions names an error the function ended with: a handler's exception by its class. */
        public static Failure of(Exception e) {
            if (e instanceof Failure failure) {
                return failure;
            }
            ObjectNode cause = JsonNodeFactory.instance.objectNode();
            cause.put("errorMessage", String.valueOf(e.getMessage()));
            cause.put("errorType", e.getClass().getName());
            return new Failure(e.getClass().getName(), cause.toString());
        }

        public String errorType() {
            return errorType;
        }

        public String cause() {
            return cause;
        }
    }

    static <I, O> LocalFunction of(RequestHandler<I, O> handler, Class<I> inputType) {
        return payload -> {
            StepJson.mapper().treeToValue(payload, inputType);
            I input = LambdaRuntimeJson.read(StepJson.mapper().writeValueAsString(payload), inputType);
            O output = handler.handleRequest(input, new LocalContext(handler.getClass().getSimpleName()));
            return StepJson.mapper().readTree(LambdaRuntimeJson.write(output));
        };
    }
}
