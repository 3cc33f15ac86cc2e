package com.qlower.loaders.steps;

/**
 * Input of the integrator: the run, its raw file, and what the validator learnt of it. The records to load are
 * where the transformer staged them, {@link StagingLayout#transformedKey}: the state machine passes no key that
 * only some transformer outputs have.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 * @param run the partner, loader, mode, date and correction the run is recorded with, and its deletion guard
 */
public record IntegrateRequest(String runId, String executionName, FileRef file, RunFacts run) {

    /** Where the transformer staged this run's records. */
    public String stagedKey() {
        return StagingLayout.transformedKey(runId);
    }
}
