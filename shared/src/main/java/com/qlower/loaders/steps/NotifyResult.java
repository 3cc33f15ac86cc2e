package com.qlower.loaders.steps;

/**
 * Output of the notifier, for the execution history: what became of each channel. A notification that did not go
 * never fails the file; operators see it here, in the logs and in the audit trail.
 *
 * @param email SENT, FAILED, ALREADY_SENT or NONE (no contact email, or no registered partner)
 * @param webhook DELIVERED, FAILED, ENDPOINT_GONE, REFUSED, ALREADY_SENT, DISABLED or NONE
 */
public record NotifyResult(String email, String webhook) {
}
