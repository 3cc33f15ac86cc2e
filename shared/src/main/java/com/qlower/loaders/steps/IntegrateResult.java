package com.qlower.loaders.steps;


/**
 * Output of the integrator: what the file changed in the database.
 *
 * @param outcome REJECTED when the file was refused as a whole (a snapshot beyond the deletion guard): nothing of
 *     it was applied, and the report says why
 */
public record IntegrateResult(StepOutcome outcome, long inserted, long updated, long unchanged, long retired) {
}
