package com.qlower.loaders.adapters.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.logging.JsonLoggerFactory;
import com.qlower.loaders.adapters.logging.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Standard output captured, with the JSON log writing our INFO lines there as on Lambda (the tests' own setting is
 * WARN): the lines a function would send to CloudWatch, log events and metrics alike. Close it to put everything
 * back. The capture is of the whole process: one at a time.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final JsonLoggerFactory logs;
    private final LogSettings originalSettings;

    private CapturedLog(LogSettings settings) {
        assertThat(LoggerFactory.getILoggerFactory()).as("SLF4J is bound to the JSON log, and to nothing else")
                .isInstanceOf(JsonLoggerFactory.class);
        this.logs = (JsonLoggerFactory) LoggerFactory.getILoggerFactory();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        this.originalSettings = logs.use(settings);
    }

    /** Our loggers at INFO, the others at WARN, on standard output: the functions' defaults. */
    public static CapturedLog start() {
        return start(LogSettings.DEFAULT);
    }

    public static CapturedLog start(LogSettings settings) {
        return new CapturedLog(settings);
    }

    /** Our loggers and the libraries at the given level, on standard output. */
    public static CapturedLog atLevel(Level level) {
        return start(new LogSettings(level, level, LogSettings.Output.STDOUT));
    }

    /** The lines written so far; a carriage return ends a line too, to be strict. */
    public List<String> lines() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        logs.use(originalSettings);
        System.setOut(originalOut);
    }
}
