package com.qlower.loaders.steps;

import com.qlower.loaders.report.StepOutcome;

/**
 * Output of the transformer.
 *
 * @param stagedKey key of the transformed records in the ingest bucket, or null when REJECTED
 */
public record TransformResult(StepOutcome outcome, String stagedKey, long accepted, long rejected) {
}
