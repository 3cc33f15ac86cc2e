package com.qlower.loaders.adapters.secrets;

import com.qlower.loaders.ports.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link Secrets} of the local runner: {@code file:PATH} reads a file (its first line), {@code env:NAME} an
 * environment variable. Any other reference (a Secrets Manager ARN) is refused: the local runner has no AWS.
 */
public final class LocalSecrets implements Secrets {

    private final Map<String, String> environment;

    public LocalSecrets(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String resolve(String reference) {
        if (reference.startsWith("file:")) {
            try {
                return Files.readAllLines(Path.of(reference.substring("file:".length()))).get(0).strip();
            } catch (IOException | IndexOutOfBoundsException e) {
                throw new IllegalStateException("the secret file of " + reference + " cannot be read", e);
            }
        }
        if (reference.startsWith("env:")) {
            String value = environment.get(reference.substring("env:".length()));
            if (value == null) {
                throw new IllegalStateException("no environment variable for " + reference);
            }
            return value;
        }
        throw new IllegalStateException("the local runner reads secrets from file: or env: references, not "
                + reference);
    }
}
