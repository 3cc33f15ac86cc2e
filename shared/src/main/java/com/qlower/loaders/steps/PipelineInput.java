package com.qlower.loaders.steps;

/**
 * The input of one execution of the file pipeline, as the validator starts it.
 *
 * @param run what the validator learnt of the file, passed on to every later step's request
 */
public record PipelineInput(String runId, FileRef file, RunFacts run, Validation validation) {

    /** The validator's verdict, for the state machine's first choice. */
    public record Validation(StepOutcome outcome, long received, long rejected) {
    }
}
