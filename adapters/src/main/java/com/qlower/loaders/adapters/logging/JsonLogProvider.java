package com.qlower.loaders.adapters.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 binding of the functions and the local runner (registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): every event as one JSON line on standard output,
 * with the MDC's fields ({@link LogContext}), at the thresholds of {@link LogSettings}. On Lambda each line becomes
 * one CloudWatch event, and Lambda, set to the JSON log format, keeps it as it is.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private IMarkerFactory markerFactory;
    private ThreadMdc mdc;
    private JsonLoggerFactory loggerFactory;

    @Override
    public void initialize() {
        markerFactory = new BasicMarkerFactory();
        mdc = new ThreadMdc();
        loggerFactory = new JsonLoggerFactory(LogSettings.ofThisProcess(), mdc);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
