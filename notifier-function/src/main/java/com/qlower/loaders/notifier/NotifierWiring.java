package com.qlower.loaders.notifier;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresNotificationLog;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresWebhookAttemptLog;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.adapters.s3.S3ReportLinks;
import com.qlower.loaders.adapters.secrets.SecretsManagerSecrets;
import com.qlower.loaders.adapters.ses.SesEmailSender;
import com.qlower.loaders.adapters.webhooks.StandardWebhookSender;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** The notifier on AWS: SES v2, Secrets Manager, S3 pre-signed links, PostgreSQL. */
final class NotifierWiring {

    private NotifierWiring() {
    }

    static NotificationService fromEnvironment(Map<String, String> env) {
        NotifierConfig config = NotifierConfig.fromEnvironment(env);
        Region region = Region.of(config.region());
        Database database = new Database(DatabaseSecret.fromEnvironment(env));
        return new NotificationService(new S3ObjectStore(AwsClients.s3(region)),
                new PostgresPartnerRegistry(database),
                new NotificationService.Channels(
                        new EmailRenderer()::render,
                        new SesEmailSender(AwsClients.sesV2(region), config.emailFrom(), config.sesConfigurationSet()),
                        new StandardWebhookSender(StandardWebhookSender.Settings.standard(),
                                new PostgresWebhookAttemptLog(database)),
                        new SecretsManagerSecrets(AwsClients.secretsManager(region)),
                        new S3ReportLinks(AwsClients.s3Presigner(region))),
                new PostgresNotificationLog(database), new PostgresAuditTrail(database), Clock.systemUTC());
    }
}
