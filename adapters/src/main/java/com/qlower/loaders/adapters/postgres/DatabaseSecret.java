package com.qlower.loaders.adapters.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.Environment;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the database user and password from a Secrets Manager secret, as RDS stores them. */
public final class DatabaseSecret {

    private DatabaseSecret() {
    }

    /**
     * The database of a Lambda function: {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME} and the secret named by
     * {@code DB_SECRET_ARN}, all set by template.yaml.
     */
    public static DatabaseConfig fromEnvironment(Map<String, String> env) {
        return Location.fromEnvironment(env).read();
    }

    /**
     * Where a function's database is and which secret holds its login, as template.yaml sets them: read from the
     * environment into its configuration record at cold start, the secret read when the database is wired.
     */
    public record Location(String region, String secretArn, String host, int port, String name, String sslMode) {

        /** {@code DB_SSL_MODE} (default {@code require}) is set only for a local server without TLS. */
        public static Location fromEnvironment(Map<String, String> env) {
            return new Location(Environment.required(env, "AWS_REGION"), Environment.required(env, "DB_SECRET_ARN"),
                    Environment.required(env, "DB_HOST"),
                    Integer.parseInt(Environment.optional(env, "DB_PORT", "5432")),
                    Environment.required(env, "DB_NAME"),
                    Environment.optional(env, "DB_SSL_MODE", DatabaseConfig.REQUIRED_SSL_MODE));
        }

        /** The database's address and login: one call to Secrets Manager. */
        public DatabaseConfig read() {
            return DatabaseSecret.read(AwsClients.secretsManager(Region.of(region)), secretArn, host, port, name,
                    sslMode);
        }
    }

    public static DatabaseConfig read(SecretsManagerClient secrets, String secretArn, String host, int port,
                                      String database, String sslMode) {
        String json = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        try {
            JsonNode secret = new ObjectMapper().readTree(json);
            return DatabaseConfig.of(host, port, database, sslMode, secret.path("username").asText(),
                    secret.path("password").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the database secret " + secretArn + " is not JSON", e);
        }
    }
}
