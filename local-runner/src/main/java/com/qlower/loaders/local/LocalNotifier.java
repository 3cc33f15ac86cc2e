package com.qlower.loaders.local;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.email.EmlFileEmailSender;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresWebhookAttemptLog;
import com.qlower.loaders.adapters.s3.S3ReportLinks;
import com.qlower.loaders.adapters.secrets.LocalSecrets;
import com.qlower.loaders.adapters.webhooks.StandardWebhookSender;
import com.qlower.loaders.localservers.LocalS3Server;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The notifier's channels in the local runner: emails written as {@code .eml} files for a person to open, webhooks
 * sent for real (loopback endpoints allowed, explicitly: here only), secrets from files or the environment, report
 * links pre-signed for the local S3 server.
 */
final class LocalNotifier {

    static final String EMAIL_FROM = "fichiers@loaders.qlower.local";

    private LocalNotifier() {
    }

    static LocalAdapters channels(LocalAdapters adapters, Database database, LocalS3Server s3, Path emailsFolder) {
        StandardWebhookSender.Settings standard = StandardWebhookSender.Settings.standard();
        return adapters.withChannels(
                new EmlFileEmailSender(emailsFolder, EMAIL_FROM, adapters.clock()),
                new StandardWebhookSender(new StandardWebhookSender.Settings(standard.connectTimeout(),
                        Duration.ofSeconds(5), standard.maxAttempts(), true), new PostgresWebhookAttemptLog(database)),
                new LocalSecrets(System.getenv()),
                new S3ReportLinks(AwsClients.s3Presigner(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                        LocalS3Server.SECRET_KEY)));
    }
}
