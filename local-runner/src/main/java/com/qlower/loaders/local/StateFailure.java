package com.qlower.loaders.local;

/**
 * A state ended the execution as failed, with the {@code Error} and {@code Cause} Step Functions would show: a task
 * error no {@code Catch} took, a Choice with no match, a Wait that is not a number of seconds.
 */
final class StateFailure extends RuntimeException {
    private final String error;
    private final String cause;

    StateFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }
}
