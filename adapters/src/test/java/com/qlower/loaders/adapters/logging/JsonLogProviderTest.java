package com.qlower.loaders.adapters.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.testing.CapturedLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/** The JSON log, through SLF4J as the code calls it: what a line holds, how it escapes, what it lets through. */
@Isolated("captures the process's standard output (CapturedLog)")
class JsonLogProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger OURS = LoggerFactory.getLogger("com.qlower.loaders.validator.ValidationService");
    private static final Logger LIBRARY = LoggerFactory.getLogger("software.amazon.awssdk.request");
    private static final String KEY = "inbox/gestimmo/transactions_20261123.json";

    @Test
    void line_isOneJsonObject_withTheEventAndTheFileOfTheContext() {
        Instant before = Instant.now();
        List<String> lines;
        try (CapturedLog log = CapturedLog.start();
             LogContext file = LogContext.forFile("8455934b", "gestimmo-transactions_20261123-8455934b", KEY)) {
            OURS.info("validated: outcome={} received={}", "ACCEPTED", 13);
            lines = log.lines();
        }

        assertThat(lines).hasSize(1);
        JsonNode line = json(lines.get(0));
        assertThat(Instant.parse(line.get("timestamp").asText())).isBetween(before.minusMillis(1),
                Instant.now().plusMillis(1));
        assertThat(line.get("timestamp").asText()).endsWith("Z");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("com.qlower.loaders.validator.ValidationService");
        assertThat(line.get("message").asText()).isEqualTo("validated: outcome=ACCEPTED received=13");
        assertThat(line.get("runId").asText()).isEqualTo("8455934b");
        assertThat(line.get("executionName").asText()).isEqualTo("gestimmo-transactions_20261123-8455934b");
        assertThat(line.get("partnerId").asText()).isEqualTo("gestimmo");
        assertThat(line.get("loader").asText()).isEqualTo("transactions");
        assertThat(line.get("objectKey").asText()).isEqualTo(KEY);
        assertThat(line.has("exception")).isFalse();
    }

    @Test
    void quotesBackslashesLineBreaksAndControlCharacters_areEscaped_soTheEventStaysOneLine() {
        String awkward = "say \"hi\" \\ C:\\temp\nsecond line\r\tthird\u0001\u001f end, é ✓ \uD83D\uDE00";
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            MDC.put("note", awkward);
            OURS.warn("{}", awkward);
            lines = log.lines();
        } finally {
            MDC.remove("note");
        }

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n", "\r", "\t", "\u0001", "\u001f")
                .contains("\\\"hi\\\"", "\\n", "\\r", "\\t", "\\u0001", "\\u001F");
        JsonNode line = json(lines.get(0));
        assertThat(line.get("message").asText()).isEqualTo(awkward);
        assertThat(line.get("note").asText()).isEqualTo(awkward);
    }

    @Test
    void exception_isRenderedWithItsClassMessageAndStackTrace_asOneEscapedString() {
        IllegalStateException failure = new IllegalStateException("the \"report\" cannot be read",
                new UncheckedIOException("connection reset", new IOException("reset")));
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            OURS.error("archive of {} failed", "run-1", failure);
            lines = log.lines();
        }

        assertThat(lines).hasSize(1);
        JsonNode line = json(lines.get(0));
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("message").asText()).as("the throwable is no argument of the message")
                .isEqualTo("archive of run-1 failed");
        JsonNode exception = line.get("exception");
        assertThat(exception.get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asText()).isEqualTo("the \"report\" cannot be read");
        String trace = exception.get("stackTrace").asText();
        assertThat(trace).startsWith("java.lang.IllegalStateException: the \"report\" cannot be read\n\tat ")
                .contains(JsonLogProviderTest.class.getName())
                .contains("Caused by: java.io.UncheckedIOException: connection reset")
                .contains("Caused by: java.io.IOException: reset");
    }

    @Test
    void thresholds_areInfoForOurLoggers_andWarnForTheLibraries_byDefault() {
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            OURS.debug("not written");
            OURS.info("ours at info");
            LIBRARY.info("not written either");
            LIBRARY.warn("library at warn");
            assertThat(OURS.isDebugEnabled()).isFalse();
            assertThat(LIBRARY.isInfoEnabled()).isFalse();
            lines = log.lines();
        }

        assertThat(lines).extracting(l -> json(l).get("message").asText())
                .containsExactly("ours at info", "library at warn");
    }

    @Test
    void thresholds_followTheSettingsInUse() {
        List<String> lines;
        try (CapturedLog log = CapturedLog.atLevel(Level.DEBUG)) {
            OURS.debug("ours at debug");
            LIBRARY.debug("library at debug");
            OURS.trace("not written");
            lines = log.lines();
        }

        assertThat(lines).extracting(l -> json(l).get("message").asText())
                .containsExactly("ours at debug", "library at debug");
    }

    @Test
    void settings_comeFromTheSystemProperty_elseTheEnvironment_elseTheClasspathFile_elseTheDefault() {
        Properties none = new Properties();
        Properties file = new Properties();
        file.setProperty("loaders.log.level", "warn");
        file.setProperty("loaders.log.output", "stderr");
        Properties system = new Properties();
        system.setProperty("loaders.log.level", "debug");

        assertThat(LogSettings.read(none, Map.of(), none)).isEqualTo(LogSettings.DEFAULT);
        assertThat(LogSettings.read(none, Map.of(), file))
                .isEqualTo(new LogSettings(Level.WARN, Level.WARN, LogSettings.Output.STDERR));
        assertThat(LogSettings.read(none, Map.of("LOG_LEVEL", "ERROR", "LOG_LEVEL_LIBRARIES", "info"), file))
                .isEqualTo(new LogSettings(Level.ERROR, Level.INFO, LogSettings.Output.STDERR));
        assertThat(LogSettings.read(system, Map.of("LOG_LEVEL", "ERROR"), file).ours()).isEqualTo(Level.DEBUG);
        assertThatThrownBy(() -> LogSettings.read(none, Map.of("LOG_LEVEL", "verbose"), none))
                .hasMessageContaining("LOG_LEVEL is 'verbose'");
        assertThatThrownBy(() -> LogSettings.read(none, Map.of("LOG_OUTPUT", "file"), none))
                .hasMessageContaining("LOG_OUTPUT is 'file'");
    }

    @Test
    void context_isTheThreadsOwn_andClosingItPutsBackWhatWasThere() throws Exception {
        AtomicReference<Map<String, String>> seenByAThreadStartedInside = new AtomicReference<>();
        try (LogContext outer = LogContext.forFile("run-outer", null, KEY)) {
            try (LogContext inner = LogContext.forFile("run-inner", "exec-inner",
                    "inbox/other/documents_20261123.json")) {
                assertThat(MDC.get(LogContext.RUN_ID)).isEqualTo("run-inner");
                assertThat(MDC.get(LogContext.PARTNER_ID)).isEqualTo("other");
                Thread thread = Thread.ofVirtual().start(() -> seenByAThreadStartedInside.set(
                        MDC.getCopyOfContextMap()));
                assertThat(thread.join(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry(LogContext.RUN_ID, "run-outer"),
                    Map.entry(LogContext.PARTNER_ID, "gestimmo"), Map.entry(LogContext.LOADER, "transactions"),
                    Map.entry(LogContext.OBJECT_KEY, KEY));
        }
        assertThat(MDC.getCopyOfContextMap()).isEmpty();
        assertThat(seenByAThreadStartedInside.get()).isEmpty();
    }

    @Test
    void keyBreakingTheConvention_leavesTheLoaderOut_andKeepsThePartnerFolder() {
        try (LogContext file = LogContext.forFile("run-1", null, "inbox/gestimmo/relevé novembre.json")) {
            assertThat(file.partnerId()).isEqualTo("gestimmo");
            assertThat(file.loader()).isNull();
            assertThat(MDC.get(LogContext.LOADER)).isNull();
            assertThat(MDC.get(LogContext.OBJECT_KEY)).isEqualTo("inbox/gestimmo/relevé novembre.json");
        }
    }

    private static JsonNode json(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
