package com.qlower.loaders.integrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the Integrate state: loads a transformed file into PostgreSQL. */
public class IntegratorHandler implements RequestHandler<IntegrateRequest, IntegrateResult> {

    private final IntegrationService service;

    /** Wires the real adapters, once per cold start. */
    public IntegratorHandler() {
        this(wire(IntegratorConfig.fromEnvironment(System.getenv()),
                new Database(DatabaseSecret.fromEnvironment(System.getenv()))));
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public IntegratorHandler(IntegrationService service) {
        this.service = service;
    }

    @Override
    public IntegrateResult handleRequest(IntegrateRequest request, Context context) {
        return service.integrate(request);
    }

    private static IntegrationService wire(IntegratorConfig config, Database database) {
        Region region = Region.of(config.region());
        return new IntegrationService(new S3ObjectStore(AwsClients.s3(region), config.dataKeyArn()),
                new PostgresIntegrationStore(database), config.documentsBucket(), Clock.systemUTC());
    }
}
