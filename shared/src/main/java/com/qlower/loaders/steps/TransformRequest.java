package com.qlower.loaders.steps;

/**
 * Input of the transformer: the run and the raw file it validated.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 */
public record TransformRequest(String runId, String executionName, FileRef file) {
}
