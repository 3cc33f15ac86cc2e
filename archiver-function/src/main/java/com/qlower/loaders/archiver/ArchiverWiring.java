package com.qlower.loaders.archiver;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.SnapStartPriming;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The archiver's one wiring, with its two entry points: on AWS, and outside it (the local runner, the tests). */
public final class ArchiverWiring {

    private ArchiverWiring() {
    }

    /** On AWS: S3 and PostgreSQL, from the configuration read at cold start. */
    static ArchiveService forAws(ArchiverConfig config) {
        Region region = Region.of(config.region());
        S3Client s3 = AwsClients.s3(region);
        Database database = SnapStartHooks.database(config.database().login(AwsClients.secretsManager(region)),
                SnapStartPriming.s3(s3), SnapStartPriming.reportJson());
        return new ArchiveService(new S3ObjectStore(s3), new PostgresRunLedger(database),
                new PostgresPartnerRegistry(database), Clock.systemUTC(), new PostgresAuditTrail(database));
    }

    /** Outside AWS. */
    public static ArchiverHandler forLocal(LocalAdapters adapters, MetricsLog metrics) {
        return new ArchiverHandler(new ArchiveService(adapters.store(),
                LocalAdapters.required(adapters.ledger(), "run ledger"),
                LocalAdapters.required(adapters.partners(), "partner registry"), adapters.clock(), adapters.audit()),
                metrics);
    }
}
