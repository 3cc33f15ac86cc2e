package com.qlower.loaders.errors;

/**
 * A function could not start: its wiring failed at the cold start (a secret that could not be read, a client that
 * could not be built). The Lambda runtime reports a constructor's exception under its class name, so the wiring
 * throws this one, which the state machine retries by name with backoff, instead of an SDK class it cannot list.
 */
public class ColdStartFailure extends RuntimeException {
    public ColdStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
