package com.qlower.loaders.adapters.logging;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing each event it lets through as one {@link JsonLogLine}. */
final class JsonLogger extends LegacyAbstractLogger {

    private final transient JsonLoggerFactory factory;

    JsonLogger(String name, JsonLoggerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    private boolean enabled(Level level) {
        return factory.settings().enabled(name, level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        factory.write(JsonLogLine.format(Instant.now(), level, name, message, factory.mdc().current(), throwable));
    }
}
