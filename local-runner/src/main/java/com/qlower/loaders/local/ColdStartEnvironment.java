package com.qlower.loaders.local;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.localservers.LocalSecretsManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local servers a function's cold start meets in {@code ./loaders bench-coldstart}, made ready (the schema
 * migrated, the buckets created), and the environment that points a function at them. Apart from the benchmark so
 * that what stands in for AWS is read in one place.
 */
final class ColdStartEnvironment {

    private static final String DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:bench-db";
    /** The bucket the events of {@code events/} name. */
    private static final String EVENTS_BUCKET = "qlower-loaders-ingest-prod";

    private ColdStartEnvironment() {
    }

    /** The Secrets Manager stand-in, holding the database login the functions read at their cold start. */
    static LocalSecretsManager secrets() throws IOException {
        return new LocalSecretsManager(Map.of(DB_SECRET_ARN,
                "{\"username\":\"" + LocalPostgres.USER + "\",\"password\":\"local\"}"));
    }

    /** The schema migrated in a fresh {@code qlower} database, and the buckets the functions and events name. */
    static void prepare(LocalPostgres postgres, LocalS3Server s3) throws Exception {
        String jdbcUrl = postgres.createDatabase("qlower");
        try (Database database = new Database(new DatabaseConfig(jdbcUrl, LocalPostgres.USER, null))) {
            database.migrate();
        }
        try (S3Client client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)) {
            for (String bucket : List.of(EVENTS_BUCKET, "qlower-ingest", "qlower-documents")) {
                client.createBucket(b -> b.bucket(bucket));
            }
        }
    }

    /**
     * The environment template.yaml gives the functions, pointed at the local servers: S3 at S3Proxy, Secrets
     * Manager at {@link LocalSecretsManager}, every other AWS service at a closed port (no function calls one at
     * its cold start), PostgreSQL without TLS (the embedded server has none).
     */
    static Map<String, String> functionEnvironment(int postgresPort, LocalS3Server s3, LocalSecretsManager secrets)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_REGION", "eu-west-3");
        env.put("AWS_DEFAULT_REGION", "eu-west-3");
        env.put("AWS_ACCESS_KEY_ID", LocalS3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalS3Server.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        // S3Proxy does not speak the SDK's newer checksum trailers
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("DB_SECRET_ARN", DB_SECRET_ARN);
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(postgresPort));
        env.put("DB_NAME", "qlower");
        env.put("DB_SSL_MODE", "disable");
        env.put("INGEST_BUCKET", "qlower-ingest");
        env.put("DOCUMENTS_BUCKET", "qlower-documents");
        env.put("DATA_KEY_ARN", "arn:aws:kms:eu-west-3:123456789012:key/local");
        env.put("STATE_MACHINE_ARN", "arn:aws:states:eu-west-3:123456789012:stateMachine:local");
        env.put("EMAIL_FROM", "loaders@example.com");
        env.put("SES_CONFIGURATION_SET", "qlower-loaders-bench");
        return env;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
