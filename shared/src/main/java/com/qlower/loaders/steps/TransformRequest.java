package com.qlower.loaders.steps;

/** Input of the transformer: the run and the raw file it validated. */
public record TransformRequest(String runId, FileRef file) {
}
