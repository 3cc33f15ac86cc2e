package com.qlower.loaders.transformer;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresReferenceData;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The transformer's one wiring, with its two entry points: on AWS, and outside it (the local runner, the tests). */
public final class TransformerWiring {

    private TransformerWiring() {
    }

    /** On AWS: S3 and PostgreSQL, from the configuration read at cold start. */
    static TransformationService forAws(TransformerConfig config) {
        Region region = Region.of(config.region());
        S3Client s3 = AwsClients.s3(region);
        // no SnapStart here (its ephemeral storage is above SnapStart's limit), so no priming: Jackson's mapper and
        // the report's (de)serializers load at its first invocation, a whole file's transformation
        Database database = SnapStartHooks.database(config.database().login(AwsClients.secretsManager(region)));
        return new TransformationService(new S3ObjectStore(s3),
                new PostgresReferenceData(database), config.upstreamWait(), Clock.systemUTC(),
                new PostgresAuditTrail(database));
    }

    /** Outside AWS: a file waits for the night's earlier file as {@code upstreamWait} says. */
    public static TransformerHandler forLocal(LocalAdapters adapters, UpstreamWait upstreamWait, MetricsLog metrics) {
        return new TransformerHandler(new TransformationService(adapters.store(),
                LocalAdapters.required(adapters.references(), "reference data"), upstreamWait, adapters.clock(),
                adapters.audit()), metrics);
    }
}
