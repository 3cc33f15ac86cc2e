package com.qlower.loaders.adapters.logging;

import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.errors.ContractViolation;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The file a thread is working on, in the MDC: every line it logs until {@link #close} carries the run id, the
 * execution name, the partner, the loader and the object key. A handler opens one around its work on each file, on
 * its own thread (the MDC belongs to the thread), and closing it puts back what the thread had before.
 * <p>
 * Only references: a key that follows the naming convention has no room for a person's name. One that breaks it is
 * logged as the partner typed it, like the rest of its rejection.
 */
public final class LogContext implements AutoCloseable {

    public static final String RUN_ID = "runId";
    public static final String EXECUTION_NAME = "executionName";
    public static final String PARTNER_ID = "partnerId";
    public static final String LOADER = "loader";
    public static final String OBJECT_KEY = "objectKey";

    private final String runId;
    private final String executionName;
    private final String partnerId;
    private final String loader;
    private final Map<String, String> before;

    private LogContext(String runId, String executionName, String objectKey) {
        this.runId = runId;
        this.executionName = executionName;
        this.partnerId = PartnerFileName.partnerFolderOf(objectKey).orElse(null);
        this.loader = loaderOf(objectKey);
        this.before = MDC.getCopyOfContextMap();
        put(RUN_ID, runId);
        put(EXECUTION_NAME, executionName);
        put(PARTNER_ID, partnerId);
        put(LOADER, loader);
        put(OBJECT_KEY, objectKey);
    }

    /**
     * Opens the context of one file; the partner and the loader come from its key, as everywhere in the pipeline.
     *
     * @param executionName null where the caller does not know it (a step invoked outside an execution)
     */
    public static LogContext forFile(String runId, String executionName, String objectKey) {
        return new LogContext(runId, executionName, objectKey);
    }

    public String runId() {
        return runId;
    }

    /** Null when not known. */
    public String executionName() {
        return executionName;
    }

    /** Null when the key names no valid partner folder. */
    public String partnerId() {
        return partnerId;
    }

    /** Null when the key breaks the naming convention. */
    public String loader() {
        return loader;
    }

    @Override
    public void close() {
        if (before == null || before.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(before);
        }
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        } else {
            MDC.remove(key);
        }
    }

    private static String loaderOf(String objectKey) {
        try {
            return PartnerFileName.parse(objectKey).loader().wireName();
        } catch (ContractViolation e) {
            return null;
        }
    }
}
