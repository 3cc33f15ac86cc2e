package com.qlower.loaders.adapters.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the database user and password from a Secrets Manager secret, as RDS stores them. */
public final class DatabaseSecret {

    private DatabaseSecret() {
    }

    public static DatabaseConfig read(SecretsManagerClient secrets, String secretArn, String host, int port,
                                      String database) {
        String json = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        try {
            JsonNode secret = new ObjectMapper().readTree(json);
            return DatabaseConfig.of(host, port, database, secret.path("username").asText(),
                    secret.path("password").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the database secret " + secretArn + " is not JSON", e);
        }
    }
}
