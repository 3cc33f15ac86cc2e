package com.qlower.loaders.steps;

import com.qlower.loaders.contract.Loader;

/**
 * The input of one execution of the file pipeline, as the validator starts it.
 *
 * @param partnerId null when the key named no valid partner folder
 * @param loader null when the key named no known loader
 */
public record PipelineInput(String runId, FileRef file, String partnerId, Loader loader, Validation validation) {

    /** The validator's verdict, for the state machine's first choice. */
    public record Validation(StepOutcome outcome, long received, long rejected) {
    }
}
