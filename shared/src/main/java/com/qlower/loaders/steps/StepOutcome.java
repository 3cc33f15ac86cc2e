package com.qlower.loaders.steps;

/** What a step decided about the file: go on, route it to the failure archive, or come back later. */
public enum StepOutcome {
    ACCEPTED,
    REJECTED,
    /** Only from Transform: the file waits for a file of the same night it refers to (see UpstreamWait). */
    WAITING
}
