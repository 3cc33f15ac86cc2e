package com.qlower.loaders.steps;

/** Where a file stands: still in the pipeline, or archived in success/ or failure/. */
public enum FileOutcome {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
}
