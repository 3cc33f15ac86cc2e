package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.steps.FileOutcome;

/**
 * A run's {@code ingestion_runs.status}: committed by the integrator and not archived yet, or archived with its
 * outcome. Stored by name; read back into the file's {@link FileOutcome}.
 */
enum RunStatus {
    /** The records are committed; the archive has not recorded the file's end yet. */
    INTEGRATED,
    SUCCEEDED,
    FAILED;

    /** The status of a run archived with this outcome. */
    static RunStatus archived(FileOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case IN_PROGRESS -> throw new IllegalArgumentException("a run is recorded once archived, not in progress");
        };
    }

    /** Where the file stands: a committed run is still in the pipeline until archived. */
    FileOutcome outcome() {
        return switch (this) {
            case INTEGRATED -> FileOutcome.IN_PROGRESS;
            case SUCCEEDED -> FileOutcome.SUCCEEDED;
            case FAILED -> FileOutcome.FAILED;
        };
    }
}
