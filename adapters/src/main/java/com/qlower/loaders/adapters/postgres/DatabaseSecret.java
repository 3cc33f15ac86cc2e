package com.qlower.loaders.adapters.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.Environment;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the database user and password from a Secrets Manager secret, as RDS stores them. */
public final class DatabaseSecret {

    /**
     * The secret is two strings: read with Jackson's streaming parser, whose classes the JSON logs load anyway,
     * rather than an object mapper of its own at every cold start (a mapper's classes cost about a fifth of a
     * function's init; the steps build theirs when they first read or write a report).
     */
    private static final JsonFactory JSON = new JsonFactory();

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

        /**
         * The database's address and login, read afresh at each call (at cold start, and again after a SnapStart
         * restore): one call to Secrets Manager through {@code secrets}, the function's one client of it.
         */
        public Supplier<DatabaseConfig> login(SecretsManagerClient secrets) {
            return () -> DatabaseSecret.read(secrets, secretArn, host, port, name, sslMode);
        }

        /** The database's address and login, once, through a client of its own (the migration function). */
        public DatabaseConfig read() {
            try (SecretsManagerClient secrets = AwsClients.secretsManager(Region.of(region))) {
                return login(secrets).get();
            }
        }
    }

    public static DatabaseConfig read(SecretsManagerClient secrets, String secretArn, String host, int port,
                                      String database, String sslMode) {
        String json = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the database secret " + secretArn + " is not a JSON object");
            }
            String user = "";
            String password = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "username" -> user = parser.getValueAsString("");
                    case "password" -> password = parser.getValueAsString("");
                    default -> parser.skipChildren();
                }
            }
            return DatabaseConfig.of(host, port, database, sslMode, user, password);
        } catch (IOException e) {
            throw new IllegalStateException("the database secret " + secretArn + " is not JSON", e);
        }
    }
}
