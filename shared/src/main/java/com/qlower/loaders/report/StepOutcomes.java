package com.qlower.loaders.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.qlower.loaders.steps.StepOutcome;

/**
 * What each step decided about the file, as the state machine routed it; null for a step that has not
 * decided (yet, or on this path).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepOutcomes(StepOutcome validate, StepOutcome transform, StepOutcome integrate) {

    public static final StepOutcomes NONE = new StepOutcomes(null, null, null);

    public StepOutcomes withTransform(StepOutcome decided) {
        return new StepOutcomes(validate, decided, integrate);
    }

    public StepOutcomes withIntegrate(StepOutcome decided) {
        return new StepOutcomes(validate, transform, decided);
    }
}
