package com.qlower.loaders.errors;

/**
 * A file's records are committed, but what follows the commit (its report, audit events, an erasure's purge)
 * failed. The file must end as integrated, never be archived as failed: the state machine retries this error by
 * name, and after its retries stops in {@code IntegratedNotReported} for an operator to redrive, never in the
 * failure archive. The integrator recognises a committed run and answers with its counts.
 */
public class CommittedNotReported extends RuntimeException {
    public CommittedNotReported(String message, Throwable cause) {
        super(message, cause);
    }
}
