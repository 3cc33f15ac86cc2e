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
import com.qlower.loaders.ports.ReportLinks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The notifier's channels in the local runner: emails written as {@code .eml} files for a person to open, webhooks
 * sent for real (loopback endpoints allowed, explicitly: here only), secrets from files or the environment, report
 * links to the files the local S3 server keeps (pre-signed for the server when the state is in memory).
 */
final class LocalNotifier {

    static final String EMAIL_FROM = "fichiers@loaders.qlower.local";

    private LocalNotifier() {
    }

    /**
     * {@code s3Folder}, where the local S3 server keeps its buckets on disk: the emails and webhooks link the
     * report's file there ({@code file://}), which still opens once the run, and its server, are gone; without one
     * (state in memory), they link the server.
     */
    static LocalAdapters channels(LocalAdapters adapters, Database database, LocalS3Server s3, Path s3Folder,
                                  Path emailsFolder) {
        StandardWebhookSender.Settings standard = StandardWebhookSender.Settings.standard();
        return adapters.withChannels(
                new EmlFileEmailSender(emailsFolder, EMAIL_FROM, adapters.clock()),
                new StandardWebhookSender(new StandardWebhookSender.Settings(standard.connectTimeout(),
                        Duration.ofSeconds(5), standard.maxAttempts(), true), new PostgresWebhookAttemptLog(database)),
                new LocalSecrets(System.getenv()),
                s3Folder != null ? filesIn(s3Folder)
                        : new S3ReportLinks(AwsClients.s3Presigner(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                                LocalS3Server.SECRET_KEY)));
    }

    /** Links to the buckets' objects as the files the local S3 server stores them in. */
    static ReportLinks filesIn(Path s3Folder) {
        return (report, validity) -> s3Folder.resolve(report.bucket()).resolve(report.key()).toAbsolutePath().toUri();
    }
}
