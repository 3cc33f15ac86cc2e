package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.localservers.LocalSecretsManager;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The database's login read from its secret, as RDS writes it, through the SDK against a Secrets Manager stand-in:
 * the fields other than the user and password are skipped, whatever their shape; a secret that is not a JSON
 * object is refused with its name.
 */
class DatabaseSecretTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db";
    private static final DatabaseSecret.Location LOCATION = new DatabaseSecret.Location("eu-west-3", ARN, "db.host",
            5432, "qlower", "require");

    @Test
    void login_readsTheUserAndPassword_skippingRdsOtherFields() throws Exception {
        String rds = """
                {"engine":"postgres","port":5432,"tags":{"a":[1,{"b":null}]},"username":"loader",\
                "password":"p\\"w\\u00e9","dbInstanceIdentifier":"qlower"}""";
        try (LocalSecretsManager secrets = new LocalSecretsManager(Map.of(ARN, rds));
             SecretsManagerClient client = client(secrets)) {

            DatabaseConfig config = LOCATION.login(client).get();

            assertThat(config).isEqualTo(new DatabaseConfig(
                    "jdbc:postgresql://db.host:5432/qlower?sslmode=require", "loader", "p\"wé"));
        }
    }

    @Test
    void aSecretThatIsNotAJsonObject_isRefused_withItsName() throws Exception {
        try (LocalSecretsManager secrets = new LocalSecretsManager(Map.of(ARN, "[\"loader\"]"));
             SecretsManagerClient client = client(secrets)) {
            Supplier<DatabaseConfig> login = LOCATION.login(client);

            assertThatThrownBy(login::get).hasMessageContaining(ARN).hasMessageContaining("not a JSON object");
        }
    }

    private static SecretsManagerClient client(LocalSecretsManager secrets) {
        return SecretsManagerClient.builder().region(Region.EU_WEST_3).endpointOverride(secrets.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
