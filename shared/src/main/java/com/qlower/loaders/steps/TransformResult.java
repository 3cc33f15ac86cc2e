package com.qlower.loaders.steps;


/**
 * Output of the transformer.
 *
 * @param stagedKey key of the transformed records in the ingest bucket, or null unless ACCEPTED
 * @param waitSeconds when WAITING, how long the state machine waits before transforming again; 0 otherwise
 */
public record TransformResult(StepOutcome outcome, String stagedKey, long accepted, long rejected, long waitSeconds) {

    public TransformResult(StepOutcome outcome, String stagedKey, long accepted, long rejected) {
        this(outcome, stagedKey, accepted, rejected, 0);
    }

    /** The file refers to records of a file of the same night that has not been processed yet. */
    public static TransformResult waiting(long waitSeconds) {
        return new TransformResult(StepOutcome.WAITING, null, 0, 0, waitSeconds);
    }
}
