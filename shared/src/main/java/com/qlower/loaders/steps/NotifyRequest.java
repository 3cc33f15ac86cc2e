package com.qlower.loaders.steps;

/** Input of the notifier: the run whose final report (archived by then) its partner is told about. */
public record NotifyRequest(String runId, String executionName, FileRef file) {
}
