package com.qlower.loaders.adapters.logging;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * The loggers of the JSON log, and the {@link LogSettings} they all follow. The settings are read once, when SLF4J
 * starts; {@link #use} replaces them at run time, for a test that reads the lines of a run.
 */
public final class JsonLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, JsonLogger> loggers = new ConcurrentHashMap<>();
    private final ThreadMdc mdc;
    private volatile LogSettings settings;

    JsonLoggerFactory(LogSettings settings, ThreadMdc mdc) {
        this.settings = settings;
        this.mdc = mdc;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, this));
    }

    public LogSettings settings() {
        return settings;
    }

    /** Replaces the settings of every logger, from now on; returns the previous ones, to put them back. */
    public LogSettings use(LogSettings newSettings) {
        LogSettings previous = settings;
        settings = Objects.requireNonNull(newSettings);
        return previous;
    }

    ThreadMdc mdc() {
        return mdc;
    }

    /** One line, whole: {@code println} holds the stream's lock, so lines of parallel threads never interleave. */
    void write(String line) {
        settings.output().stream().println(line);
    }
}
