package com.qlower.loaders.report;

/** What a step decided about the file: go on, or route it to the failure archive. */
public enum StepOutcome {
    ACCEPTED,
    REJECTED
}
