package com.qlower.loaders.notifier;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.SnapStartPriming;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

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
        S3Client s3 = AwsClients.s3(region);
        SesV2Client ses = AwsClients.sesV2(region);
        S3Presigner presigner = AwsClients.s3Presigner(region);
        // one Secrets Manager client: the database's login and the partners' webhook secrets
        SecretsManagerClient secrets = AwsClients.secretsManager(region);
        Database database = SnapStartHooks.database(config.database().login(secrets), SnapStartPriming.s3(s3),
                SnapStartPriming.ses(ses), SnapStartPriming.reportLinks(presigner), SnapStartPriming.reportJson());
        return new NotificationService(new S3ObjectStore(s3),
                new PostgresPartnerRegistry(database),
                new NotificationService.Channels(
                        new EmailRenderer()::render,
                        new SesEmailSender(ses, config.emailFrom(), config.sesConfigurationSet()),
                        new StandardWebhookSender(StandardWebhookSender.Settings.standard(),
                                new PostgresWebhookAttemptLog(database)),
                        new SecretsManagerSecrets(secrets),
                        new S3ReportLinks(presigner)),
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
