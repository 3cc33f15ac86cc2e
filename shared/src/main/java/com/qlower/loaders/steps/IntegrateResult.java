package com.qlower.loaders.steps;

/** Output of the integrator: what the file changed in the database. */
public record IntegrateResult(long inserted, long updated, long unchanged) {
}
