package com.qlower.loaders.local;

/**
 * The state machine definition uses a feature the local runner does not execute. It fails loudly: running part of
 * a definition, or guessing, would show a flow that AWS does not run.
 */
public final class UnsupportedDefinition extends RuntimeException {
    public UnsupportedDefinition(String message) {
        super(message);
    }
}
