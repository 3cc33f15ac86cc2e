package com.qlower.loaders.steps;

/**
 * Input of the integrator: the run, its raw file, and the staged records to load.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 */
public record IntegrateRequest(String runId, String executionName, FileRef file, String stagedKey) {
}
