package com.qlower.loaders.adapters.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pipeline's metrics, as CloudWatch Embedded Metric Format lines: printed to standard output, the Lambda log
 * turns them into metrics of namespace {@value #NAMESPACE}, with no call to CloudWatch and no extra permission. A
 * step emits one line per file when it answers (a failed attempt emits nothing, its retry does):
 * <pre>
 * {"_aws":{"Timestamp":1795396362000,"CloudWatchMetrics":[
 *    {"Namespace":"QlowerLoaders","Dimensions":[["Partner","Loader"]],
 *     "Metrics":[{"Name":"RecordsAccepted","Unit":"Count"},…]},
 *    {"Namespace":"QlowerLoaders","Dimensions":[["Partner","Loader","Step"]],
 *     "Metrics":[{"Name":"StepDuration","Unit":"Milliseconds"}]}]},
 *  "Partner":"gestimmo","Loader":"transactions","Step":"Transform","RecordsAccepted":13,…,"StepDuration":412,
 *  "runId":"…","executionName":"…"}
 * </pre>
 * The counts are by partner and loader, the question they answer. All four steps emit {@code StepDuration}, so it
 * also has the step as a dimension: without it, a slow integration would hide among quick archivings. The run id
 * and execution name are plain properties, not dimensions (a dimension per run would make a metric per run): they
 * lead from a metric's data point to the run's log lines in Logs Insights.
 */
public final class MetricsLog {

    public static final String NAMESPACE = "QlowerLoaders";
    public static final String STEP_DURATION = "StepDuration";
    /** The dimension value when the file's key names no partner or no loader. */
    static final String UNKNOWN = "unknown";

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> COUNT_DIMENSIONS = List.of("Partner", "Loader");
    private static final List<String> DURATION_DIMENSIONS = List.of("Partner", "Loader", "Step");

    /** The pipeline's steps, as the {@code Step} dimension names them. */
    public enum Step {
        VALIDATE("Validate"), TRANSFORM("Transform"), INTEGRATE("Integrate"), ARCHIVE("Archive"), NOTIFY("Notify");

        private final String dimensionValue;

        Step(String dimensionValue) {
            this.dimensionValue = dimensionValue;
        }

        public String dimensionValue() {
            return dimensionValue;
        }
    }

    /** The counts, each emitted by one step, by partner and loader. */
    public enum Count {
        /** Archiver: 1 for a file archived to success/, else 0. */
        FILES_SUCCEEDED("FilesSucceeded"),
        /** Archiver: 1 for a file archived to failure/ (rejected, or a step failed), else 0. */
        FILES_FAILED("FilesFailed"),
        RECORDS_ACCEPTED("RecordsAccepted"),
        RECORDS_REJECTED("RecordsRejected"),
        RECORDS_INSERTED("RecordsInserted"),
        RECORDS_UPDATED("RecordsUpdated"),
        RECORDS_RETIRED("RecordsRetired"),
        /** Notifier: 1 when the partner's webhook event was not delivered (failed, refused, endpoint gone). */
        WEBHOOK_DELIVERIES_FAILED("WebhookDeliveriesFailed"),
        /** Notifier: 1 when the partner's email could not be sent. */
        EMAILS_FAILED("EmailsFailed");

        private final String metricName;

        Count(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    private final Consumer<String> lines;
    private final Clock clock;

    /** @param lines where each line goes: standard output on Lambda */
    public MetricsLog(Consumer<String> lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    /** The metrics of a Lambda function: standard output, looked up at each line. */
    public static MetricsLog standardOutput() {
        return new MetricsLog(line -> System.out.println(line), Clock.systemUTC());
    }

    /** Metrics nobody reads: the local runner's, whose summary gives the counts. */
    public static MetricsLog discarded() {
        return new MetricsLog(line -> { }, Clock.systemUTC());
    }

    /** Starts timing one step's work on the file of {@code file}. */
    public StepMetrics start(Step step, LogContext file) {
        return new StepMetrics(step, file, clock.millis());
    }

    /**
     * One step's work on a file, as a handler does it: under the file's log context, timed, then the counts its
     * result gives emitted with its duration. Work that throws emits nothing: the state machine retries or catches it.
     */
    public <T> T measure(Step step, String runId, String executionName, String objectKey, Supplier<T> work,
                         BiConsumer<T, StepMetrics> counts) {
        try (LogContext file = LogContext.forFile(runId, executionName, objectKey)) {
            StepMetrics metrics = start(step, file);
            T result = work.get();
            counts.accept(result, metrics);
            metrics.emit();
            return result;
        }
    }

    /**
     * One count about a partner rather than a file, by partner only (the nightly drop check's
     * {@code MissingNightlyDrop}).
     */
    public void partnerCount(String metricName, String partnerId, long value) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", clock.millis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            directive(json, List.of("Partner"), List.of(metricName), "Count");
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("Partner", partnerId);
            json.writeNumberField(metricName, value);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        lines.accept(line.toString());
    }

    /** One step's metrics for one file, emitted as one line by {@link #emit}. */
    public final class StepMetrics {
        private final Step step;
        private final LogContext file;
        private final long startMillis;
        private final Map<Count, Long> counts = new EnumMap<>(Count.class);

        private StepMetrics(Step step, LogContext file, long startMillis) {
            this.step = step;
            this.file = file;
            this.startMillis = startMillis;
        }

        public StepMetrics count(Count count, long value) {
            counts.put(count, value);
            return this;
        }

        /** The line: the counts given, and the time since {@link #start}. */
        public void emit() {
            long now = clock.millis();
            lines.accept(line(now, Math.max(0, now - startMillis)));
        }

        private String line(long now, long durationMillis) {
            StringWriter line = new StringWriter(512);
            try (JsonGenerator json = JSON.createGenerator(line)) {
                json.writeStartObject();
                json.writeObjectFieldStart("_aws");
                json.writeNumberField("Timestamp", now);
                json.writeArrayFieldStart("CloudWatchMetrics");
                if (!counts.isEmpty()) {
                    directive(json, COUNT_DIMENSIONS, counts.keySet().stream().map(Count::metricName).toList(),
                            "Count");
                }
                directive(json, DURATION_DIMENSIONS, List.of(STEP_DURATION), "Milliseconds");
                json.writeEndArray();
                json.writeEndObject();
                json.writeStringField("Partner", orUnknown(file.partnerId()));
                json.writeStringField("Loader", orUnknown(file.loader()));
                json.writeStringField("Step", step.dimensionValue());
                for (Map.Entry<Count, Long> count : counts.entrySet()) {
                    json.writeNumberField(count.getKey().metricName(), count.getValue());
                }
                json.writeNumberField(STEP_DURATION, durationMillis);
                json.writeStringField(LogContext.RUN_ID, file.runId());
                if (file.executionName() != null) {
                    json.writeStringField(LogContext.EXECUTION_NAME, file.executionName());
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            return line.toString();
        }
    }

    private static void directive(JsonGenerator json, List<String> dimensions, List<String> metrics, String unit)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("Namespace", NAMESPACE);
        json.writeArrayFieldStart("Dimensions");
        json.writeStartArray();
        for (String dimension : dimensions) {
            json.writeString(dimension);
        }
        json.writeEndArray();
        json.writeEndArray();
        json.writeArrayFieldStart("Metrics");
        for (String metric : metrics) {
            json.writeStartObject();
            json.writeStringField("Name", metric);
            json.writeStringField("Unit", unit);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }
}
