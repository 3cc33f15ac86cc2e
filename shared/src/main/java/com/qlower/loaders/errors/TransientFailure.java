package com.qlower.loaders.errors;

/**
 * A failure that is worth retrying as is: a store that timed out, a connection lost, throttling.
 * The state machine retries it by this class's fully-qualified name, with backoff and jitter.
 */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
