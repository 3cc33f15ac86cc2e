package com.qlower.loaders.steps;

/**
 * Input of the transformer: the run, the raw file it validated, and what the validator learnt of it.
 *
 * @param executionName the execution's name ({@code $$.Execution.Name}), for the logs; null outside an execution
 * @param run the loader, mode, date and partner settings the records are mapped and judged with
 */
public record TransformRequest(String runId, String executionName, FileRef file, RunFacts run) {
}
