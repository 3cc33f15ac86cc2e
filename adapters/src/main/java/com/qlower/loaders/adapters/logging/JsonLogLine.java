package com.qlower.loaders.adapters.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.Level;

/**
 * One log event as one line of JSON:
 * <pre>
 * {"timestamp":"2026-11-23T01:12:42.120Z","level":"INFO","logger":"com.qlower…","message":"…",
 *  "runId":"…","executionName":"…","partnerId":"…","loader":"…","objectKey":"…",
 *  "exception":{"class":"…","message":"…","stackTrace":"…"}}
 * </pre>
 * The MDC's fields sit at the root, where CloudWatch Logs Insights finds them ({@code filter runId = "…"}).
 * {@code timestamp} (RFC 3339, UTC) and {@code level} are the names Lambda reads to filter JSON logs by level. The
 * stack trace is one string: its line breaks are escaped, so CloudWatch keeps the event whole.
 */
final class JsonLogLine {

    private static final JsonFactory JSON = new JsonFactory();
    /** An MDC key cannot overwrite the event's own fields. */
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "logger", "message", "exception");

    private JsonLogLine() {
    }

    static String format(Instant time, Level level, String logger, String message, Map<String, String> mdc,
                         Throwable thrown) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(
                    ChronoUnit.MILLIS)));
            json.writeStringField("level", level.name());
            json.writeStringField("logger", logger);
            json.writeStringField("message", message);
            if (mdc != null) {
                for (Map.Entry<String, String> field : mdc.entrySet()) {
                    if (field.getValue() != null && !RESERVED.contains(field.getKey())) {
                        json.writeStringField(field.getKey(), field.getValue());
                    }
                }
            }
            if (thrown != null) {
                json.writeObjectFieldStart("exception");
                json.writeStringField("class", thrown.getClass().getName());
                json.writeStringField("message", thrown.getMessage());
                json.writeStringField("stackTrace", stackTraceOf(thrown));
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return line.toString();
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter trace = new StringWriter(1024);
        try (PrintWriter out = new PrintWriter(trace)) {
            thrown.printStackTrace(out);
        }
        return trace.toString();
    }
}
