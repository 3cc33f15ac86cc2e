package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The functions the state machine invokes, wrapped: every call is recorded (the payload the definition built, the
 * JSON the handler answered, serialized by the Lambda runtime's own serializer, or the error Step Functions
 * would see), and faults planned for a partner are injected, before the handler runs or after it has run (a
 * Lambda retried after its commit).
 */
final class RecordedFunctions implements LocalFunction.Decorator {

    /** When a fault strikes: instead of the call, or once the handler has done its work. */
    enum When { INSTEAD, AFTER }

    /** A fault on the {@code call}-th call (from 1; 0: every call) of a function, for one partner's executions. */
    record Fault(String function, int call, When when, Supplier<RuntimeException> error) {
    }

    /** One call as Step Functions saw it: the payload, then either the result or the error. */
    record Call(String function, JsonNode payload, JsonNode result, String errorType, String cause) {
        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("function", function);
            json.set("payload", payload);
            if (errorType == null) {
                json.set("result", result);
            } else {
                json.putObject("error").put("type", errorType).put("cause", cause);
            }
            return json;
        }
    }

    private final Map<String, List<Fault>> faultsByPartner = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> callsByExecution = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();

    /** Plans faults for the executions of this partner's files (their names start with the partner's id). */
    void plan(String partnerId, Fault... faults) {
        faultsByPartner.put(partnerId, List.of(faults));
    }

    List<Call> callsOf(String executionName) {
        return List.copyOf(callsByExecution.getOrDefault(executionName, List.of()));
    }

    List<Call> allCalls() {
        List<Call> all = new ArrayList<>();
        callsByExecution.values().forEach(all::addAll);
        return all;
    }

    @Override
    public LocalFunction decorate(String functionName, LocalFunction function) {
        String name = functionName.substring(functionName.indexOf(':') + 1);
        return payload -> {
            String execution = payload.path("executionName").asText();
            int call = callCounts.computeIfAbsent(execution + "/" + name, k -> new AtomicInteger()).incrementAndGet();
            Fault fault = faultFor(execution, name, call);
            List<Call> calls = callsByExecution.computeIfAbsent(execution, e -> new CopyOnWriteArrayList<>());
            try {
                if (fault != null && fault.when() == When.INSTEAD) {
                    throw fault.error().get();
                }
                JsonNode result = function.invoke(payload);
                if (fault != null) {
                    throw fault.error().get();
                }
                calls.add(new Call(name, payload.deepCopy(), result, null, null));
                return result;
            } catch (Exception e) {
                LocalFunction.Failure failure = LocalFunction.Failure.of(e);
                calls.add(new Call(name, payload.deepCopy(), null, failure.errorType(), failure.cause()));
                throw e;
            }
        };
    }

    private Fault faultFor(String executionName, String function, int call) {
        return faultsByPartner.entrySet().stream()
                .filter(entry -> executionName.startsWith(entry.getKey() + "-"))
                .flatMap(entry -> entry.getValue().stream())
                .filter(f -> f.function().equals(function) && (f.call() == 0 || f.call() == call))
                .findFirst().orElse(null);
    }
}
