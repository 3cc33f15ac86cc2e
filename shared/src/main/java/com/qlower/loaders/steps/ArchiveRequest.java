package com.qlower.loaders.steps;


/**
 * Input of the archiver.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 * @param run what the validator learnt of the file: its partner names the archive's folder and the page's language
 * @param outcome SUCCEEDED or FAILED
 * @param failure the error a step failed with after its retries, or null
 */
public record ArchiveRequest(String runId, String executionName, FileRef file, RunFacts run, FileOutcome outcome,
                             StepFailure failure) {

    /** A step's failure as Step Functions catches it: the error name and its cause (JSON from Lambda). */
    public record StepFailure(String error, String cause) {
    }
}
