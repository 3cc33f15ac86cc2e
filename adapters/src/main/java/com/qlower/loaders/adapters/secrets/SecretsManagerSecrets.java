package com.qlower.loaders.adapters.secrets;

import com.qlower.loaders.ports.Secrets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link Secrets} in AWS Secrets Manager: the reference is the secret's ARN; its value is the secret string. Read
 * once per cold start and kept: a rotated secret reaches the function with its next cold start.
 */
public final class SecretsManagerSecrets implements Secrets {

    private final SecretsManagerClient client;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public String resolve(String reference) {
        return cache.computeIfAbsent(reference, arn -> client.getSecretValue(b -> b.secretId(arn)).secretString());
    }
}
