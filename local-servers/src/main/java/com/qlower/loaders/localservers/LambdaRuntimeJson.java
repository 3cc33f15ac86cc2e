package com.qlower.loaders.localservers;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handler's input and output as the Lambda Java runtime reads and writes them, so that what runs here is what
 * Step Functions sees on AWS. The runtime interface client picks its serializer the same way
 * ({@code EventHandlerLoader.getSerializer}): the AWS event types ({@code S3Event}, …) through their own mix-ins,
 * any other type through the runtime's shaded Jackson, which <b>omits null fields</b>, ignores
 * {@code com.fasterxml} annotations and does not fail on unknown fields.
 */
public final class LambdaRuntimeJson {

    private static final Map<Class<?>, PojoSerializer<Object>> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaRuntimeJson() {
    }

    /** The handler input the runtime would build from this JSON. */
    public static <T> T read(String json, Class<T> type) {
        return type.cast(serializerOf(type).fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    /** The JSON the runtime would answer with for this handler output (declared as {@code type}). */
    public static String write(Object value, Class<?> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializerOf(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@link #write} with the value's own class as the declared type. */
    public static String write(Object value) {
        return write(value, value.getClass());
    }

    /** Through the runtime both ways: what the next reader of this output receives. */
    public static <T> T roundTrip(T value, Class<T> type) {
        return read(write(value, type), type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PojoSerializer<Object> serializerOf(Class<?> type) {
        return SERIALIZERS.computeIfAbsent(type, t -> {
            if (LambdaEventSerializers.isLambdaSupportedEvent(t.getName())) {
                Class raw = t;
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw,
                        LambdaRuntimeJson.class.getClassLoader());
            }
            return JacksonFactory.getInstance().getSerializer((Class<Object>) t);
        });
    }
}
