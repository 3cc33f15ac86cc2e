package com.qlower.loaders.integrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.LogContext;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.postgres.PostgresSupersededContents;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the Integrate state: loads a transformed file into PostgreSQL. */
public class IntegratorHandler implements RequestHandler<IntegrateRequest, IntegrateResult> {

    private final IntegrationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public IntegratorHandler() {
        this(ColdStart.wire("integrator", () -> wire(IntegratorConfig.fromEnvironment(System.getenv()),
                new Database(DatabaseSecret.fromEnvironment(System.getenv())))), MetricsLog.standardOutput());
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public IntegratorHandler(IntegrationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public IntegrateResult handleRequest(IntegrateRequest request, Context context) {
        try (LogContext log = LogContext.forFile(request.runId(), request.executionName(), request.file().key())) {
            MetricsLog.StepMetrics step = metrics.start(MetricsLog.Step.INTEGRATE, log);
            IntegrateResult result = service.integrate(request);
            step.count(Count.RECORDS_INSERTED, result.inserted()).count(Count.RECORDS_UPDATED, result.updated())
                    .count(Count.RECORDS_RETIRED, result.retired()).emit();
            return result;
        }
    }

    private static IntegrationService wire(IntegratorConfig config, Database database) {
        Region region = Region.of(config.region());
        return new IntegrationService(new S3ObjectStore(AwsClients.s3(region), config.dataKeyArn()),
                new PostgresIntegrationStore(database), new PostgresSupersededContents(database),
                config.documentsBucket(), Clock.systemUTC(),
                        new PostgresAuditTrail(database));
    }
}
