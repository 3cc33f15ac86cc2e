package com.qlower.loaders.adapters.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.adapters.logging.MetricsLog.Step;
import com.qlower.loaders.adapters.testing.CapturedLog;
import com.qlower.loaders.adapters.testing.EmfLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The metrics lines, read as CloudWatch reads Embedded Metric Format. */
@Isolated("captures the process's standard output (CapturedLog)")
class MetricsLogTest {

    private static final String KEY = "inbox/gestimmo/transactions_20261123.json";
    private static final Instant NOW = Instant.parse("2026-11-23T01:12:42Z");

    /** A clock that moves on by the given step each time it is read. */
    private static Clock ticking(Duration step) {
        return new Clock() {
            private Instant now = NOW;

            @Override
            public Instant instant() {
                Instant read = now;
                now = now.plus(step);
                return read;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    @Test
    void counts_areByPartnerAndLoader_andTheDurationAlsoByStep() {
        List<String> lines = new ArrayList<>();
        MetricsLog metrics = new MetricsLog(lines::add, ticking(Duration.ofMillis(412)));

        try (LogContext file = LogContext.forFile("8455934b", "gestimmo-transactions_20261123-8455934b", KEY)) {
            metrics.start(Step.TRANSFORM, file).count(Count.RECORDS_ACCEPTED, 12).count(Count.RECORDS_REJECTED, 1)
                    .emit();
        }

        assertThat(lines).hasSize(1);
        EmfLine line = EmfLine.parse(lines.get(0));
        assertThat(line.namespace("RecordsAccepted")).isEqualTo("QlowerLoaders");
        assertThat(line.namespace("StepDuration")).isEqualTo("QlowerLoaders");
        assertThat(line.field("Partner")).isEqualTo("gestimmo");
        assertThat(line.field("Loader")).isEqualTo("transactions");
        assertThat(line.field("Step")).isEqualTo("Transform");
        assertThat(line.metric("RecordsAccepted")).isEqualTo(12);
        assertThat(line.metric("RecordsRejected")).isEqualTo(1);
        assertThat(line.unit("RecordsAccepted")).isEqualTo("Count");
        assertThat(line.dimensionSetsOf("RecordsAccepted").toString()).isEqualTo("[[\"Partner\",\"Loader\"]]");
        assertThat(line.metric("StepDuration")).isEqualTo(412);
        assertThat(line.unit("StepDuration")).isEqualTo("Milliseconds");
        assertThat(line.dimensionSetsOf("StepDuration").toString())
                .isEqualTo("[[\"Partner\",\"Loader\",\"Step\"]]");
        assertThat(line.field("runId")).as("a property, to find the run's log lines").isEqualTo("8455934b");
        assertThat(line.field("executionName")).isEqualTo("gestimmo-transactions_20261123-8455934b");
        assertThat(line.hasMetric("runId")).isFalse();
    }

    @Test
    void timestamp_isTheEmissionsInEpochMilliseconds() throws Exception {
        List<String> lines = new ArrayList<>();
        MetricsLog metrics = new MetricsLog(lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

        try (LogContext file = LogContext.forFile("run-1", null, KEY)) {
            metrics.start(Step.ARCHIVE, file).count(Count.FILES_SUCCEEDED, 1).count(Count.FILES_FAILED, 0).emit();
        }

        JsonNode root = new ObjectMapper().readTree(lines.get(0));
        assertThat(root.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(EmfLine.parse(lines.get(0)).metric("FilesFailed")).isZero();
        assertThat(root.has("executionName")).as("left out when not known").isFalse();
    }

    @Test
    void stepWithoutCounts_emitsItsDurationAlone() {
        List<String> lines = new ArrayList<>();
        MetricsLog metrics = new MetricsLog(lines::add, ticking(Duration.ofMillis(5)));

        try (LogContext file = LogContext.forFile("run-1", null, KEY)) {
            metrics.start(Step.VALIDATE, file).emit();
        }

        EmfLine line = EmfLine.parse(lines.get(0));
        assertThat(line.metric("StepDuration")).isEqualTo(5);
        assertThat(line.field("Step")).isEqualTo("Validate");
        assertThat(lines.get(0)).contains("\"CloudWatchMetrics\":[{").doesNotContain("\"Count\"");
    }

    @Test
    void keyNamingNoLoader_isCountedUnderUnknown_soTheDimensionsAreAlwaysThere() {
        List<String> lines = new ArrayList<>();
        MetricsLog metrics = new MetricsLog(lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

        try (LogContext file = LogContext.forFile("run-1", null, "inbox/gestimmo/relevé novembre.json")) {
            metrics.start(Step.ARCHIVE, file).count(Count.FILES_FAILED, 1).emit();
        }

        EmfLine line = EmfLine.parse(lines.get(0));
        assertThat(line.field("Partner")).isEqualTo("gestimmo");
        assertThat(line.field("Loader")).isEqualTo("unknown");
    }

    @Test
    void standardOutput_isWhereTheFunctionsPrintThem_oneLineEach() {
        List<String> lines;
        try (CapturedLog log = CapturedLog.start(); LogContext file = LogContext.forFile("run-1", null, KEY)) {
            MetricsLog.standardOutput().start(Step.INTEGRATE, file).count(Count.RECORDS_INSERTED, 13).emit();
            lines = log.lines();
        }

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(EmfLine.isEmf(line)).isTrue();
            assertThat(EmfLine.parse(line).metric("RecordsInserted")).isEqualTo(13);
        });
    }

    @Test
    void theCheck_refusesALineWhoseMetricHasNoValueAtTheRoot_orWhoseDimensionIsMissing() {
        String noValue = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"QlowerLoaders\","
                + "\"Dimensions\":[[\"Partner\"]],\"Metrics\":[{\"Name\":\"FilesFailed\",\"Unit\":\"Count\"}]}]},"
                + "\"Partner\":\"gestimmo\"}";
        String noDimension = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"QlowerLoaders\","
                + "\"Dimensions\":[[\"Partner\"]],\"Metrics\":[{\"Name\":\"FilesFailed\",\"Unit\":\"Count\"}]}]},"
                + "\"FilesFailed\":1}";

        assertThatThrownBy(() -> EmfLine.parse(noValue)).hasMessageContaining("metric FilesFailed is a number");
        assertThatThrownBy(() -> EmfLine.parse(noDimension)).hasMessageContaining("dimension \"Partner\"");
    }
}
