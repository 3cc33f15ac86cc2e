package com.qlower.loaders.steps;

/**
 * Input of the notifier: the run whose partner is told, and where the archiver put its file and final report (the
 * archiver's result): the email and the webhook event say what that report says, and link to it.
 *
 * @param run what the validator learnt of the file: its partner is the one told
 */
public record NotifyRequest(String runId, String executionName, FileRef file, RunFacts run, ArchiveResult archive) {
}
