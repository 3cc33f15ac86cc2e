package com.qlower.loaders.steps;


/**
 * Input of the archiver.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 * @param outcome SUCCEEDED or FAILED
 * @param failure the error a step failed with after its retries, or null
 */
public record ArchiveRequest(String runId, String executionName, FileRef file, FileOutcome outcome,
                             StepFailure failure) {

    /** A step's failure as Step Functions catches it: the error name and its cause (JSON from Lambda). */
    public record StepFailure(String error, String cause) {
    }
}
