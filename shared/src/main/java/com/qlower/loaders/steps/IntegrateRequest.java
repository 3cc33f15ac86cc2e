package com.qlower.loaders.steps;

/** Input of the integrator: the run, its raw file, and the staged records to load. */
public record IntegrateRequest(String runId, FileRef file, String stagedKey) {
}
