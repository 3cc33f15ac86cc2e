package com.qlower.loaders.integrator;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.SnapStartPriming;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.postgres.PostgresSupersededContents;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The integrator's one wiring, with its two entry points: on AWS, and outside it (the local runner, the tests). */
public final class IntegratorWiring {

    private IntegratorWiring() {
    }

    /** On AWS: S3 (documents encrypted with the data key) and PostgreSQL, from the configuration read at cold start. */
    static IntegrationService forAws(IntegratorConfig config) {
        Region region = Region.of(config.region());
        S3Client s3 = AwsClients.s3(region);
        Database database = SnapStartHooks.database(config.database().login(AwsClients.secretsManager(region)),
                SnapStartPriming.s3(s3), SnapStartPriming.reportJson());
        return new IntegrationService(new S3ObjectStore(s3, config.dataKeyArn()),
                new PostgresIntegrationStore(database), new PostgresSupersededContents(database),
                config.documentsBucket(), Clock.systemUTC(), new PostgresAuditTrail(database));
    }

    /** Outside AWS: documents are stored in {@code documentsBucket}. */
    public static IntegratorHandler forLocal(LocalAdapters adapters, String documentsBucket, MetricsLog metrics) {
        return new IntegratorHandler(new IntegrationService(adapters.store(),
                LocalAdapters.required(adapters.integration(), "integration store"),
                LocalAdapters.required(adapters.supersededContents(), "superseded contents"), documentsBucket,
                adapters.clock(), adapters.audit()), metrics);
    }
}
