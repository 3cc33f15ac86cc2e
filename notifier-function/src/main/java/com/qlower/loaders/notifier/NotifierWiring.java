package com.qlower.loaders.notifier;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
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
import software.amazon.awssdk.regions.Region;

/**
 * The notifier's one wiring, with its two entry points: on AWS (SES v2, Secrets Manager, S3 pre-signed links,
 * PostgreSQL), and outside it (the local runner, the tests), on the channels the local adapters give.
 */
public final class NotifierWiring {

    private NotifierWiring() {
    }

    /** On AWS, from the configuration read at cold start. */
    static NotificationService forAws(NotifierConfig config) {
        Region region = Region.of(config.region());
        Database database = new Database(config.database().read());
        SnapStartHooks.register(database, config.database()::read);
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

    /** Outside AWS: emails, webhooks, secrets and report links through the local adapters' channels. */
    public static NotifierHandler forLocal(LocalAdapters adapters, MetricsLog metrics) {
        return new NotifierHandler(new NotificationService(adapters.store(),
                LocalAdapters.required(adapters.partners(), "partner registry"),
                new NotificationService.Channels(new EmailRenderer()::render,
                        LocalAdapters.required(adapters.email(), "email sender"),
                        LocalAdapters.required(adapters.webhooks(), "webhook sender"),
                        LocalAdapters.required(adapters.secrets(), "secrets"),
                        LocalAdapters.required(adapters.reportLinks(), "report links")),
                LocalAdapters.required(adapters.notifications(), "notification log"), adapters.audit(),
                adapters.clock()), metrics);
    }
}
