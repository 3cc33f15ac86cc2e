package com.qlower.loaders.daily;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.SnapStartPriming;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunHistory;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.RunHistory;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The daily function's one wiring, with its two entry points: on AWS, and outside it (the tests). */
public final class DailyWiring {

    private DailyWiring() {
    }

    /** What the handler runs: the summaries of the day, the check of the night's drops. */
    record Tasks(DailySummaryWriter summaries, MissingDropCheck dropCheck) {
    }

    /**
     * On AWS: S3 and PostgreSQL, from the configuration read at cold start; the metrics to standard output, the
     * lines Lambda sends to CloudWatch Logs as they are, where EMF is read.
     */
    static Tasks forAws(DailyConfig config) {
        Region region = Region.of(config.region());
        S3Client s3 = AwsClients.s3(region);
        Database database = SnapStartHooks.database(config.database().login(AwsClients.secretsManager(region)),
                SnapStartPriming.s3(s3), SnapStartPriming.reportJson());
        return tasks(new S3ObjectStore(s3), config.ingestBucket(),
                new PostgresRunHistory(database), new PostgresPartnerRegistry(database), MetricsLog.standardOutput());
    }

    /** Outside AWS: the summaries go to {@code ingestBucket}, the check's metrics to {@code metrics}. */
    public static DailyHandler forLocal(LocalAdapters adapters, String ingestBucket, MetricsLog metrics) {
        Tasks tasks = tasks(adapters.store(), ingestBucket, LocalAdapters.required(adapters.history(), "run history"),
                LocalAdapters.required(adapters.partners(), "partner registry"), metrics);
        return new DailyHandler(tasks.summaries(), tasks.dropCheck(), adapters.clock());
    }

    private static Tasks tasks(ObjectStore store, String ingestBucket, RunHistory history, PartnerRegistry partners,
                               MetricsLog metrics) {
        return new Tasks(new DailySummaryWriter(store, ingestBucket, history, partners),
                new MissingDropCheck(history, partners, metrics));
    }
}
