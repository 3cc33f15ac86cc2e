package com.qlower.loaders.ports;

/**
 * Reads secrets from where a reference says they are (Secrets Manager on AWS; a file or an environment variable in
 * the local runner), so that no secret is ever stored in the database or the configuration.
 */
public interface Secrets {

    /** The secret's value; throws when the reference points at nothing. */
    String resolve(String reference);
}
