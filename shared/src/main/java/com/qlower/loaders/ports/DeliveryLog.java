package com.qlower.loaders.ports;

import com.qlower.loaders.steps.FileRef;
import java.time.Instant;

/**
 * Every S3 notification the validator received for a file ({@code file_deliveries}): S3 delivers at least once, so
 * the same object version may come two or three times. The first starts the file's run; the others are recorded as
 * ignored, so a partner or an operator can see they came and changed nothing.
 *
 * <p>Contract: {@link #record} appends; it never merges two deliveries into one row.
 */
public interface DeliveryLog {

    /** What became of one delivery. */
    enum Outcome {
        /** This delivery started the file's execution. */
        STARTED,
        /** The file's execution had already been started by an earlier delivery: nothing was done. */
        DUPLICATE_IGNORED
    }

    record Delivery(String runId, FileRef file, String executionName, Outcome outcome, Instant deliveredAt) {
    }

    void record(Delivery delivery);

    /** For the tests and tools that run without a database: remembers nothing. */
    DeliveryLog NONE = delivery -> { };
}
