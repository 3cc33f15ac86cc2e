package com.qlower.loaders.archiver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.Environment;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveResult;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the Archive states: the file to success/ or failure/, its report beside it. */
public class ArchiverHandler implements RequestHandler<ArchiveRequest, ArchiveResult> {

    private final ArchiveService service;

    /** Wires the real adapters, once per cold start. */
    public ArchiverHandler() {
        this(wire(System.getenv()));
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public ArchiverHandler(ArchiveService service) {
        this.service = service;
    }

    @Override
    public ArchiveResult handleRequest(ArchiveRequest request, Context context) {
        return service.archive(request);
    }

    private static ArchiveService wire(Map<String, String> env) {
        Region region = Region.of(Environment.required(env, "AWS_REGION"));
        Database database = new Database(DatabaseSecret.fromEnvironment(env));
        return new ArchiveService(new S3ObjectStore(AwsClients.s3(region)), new PostgresRunLedger(database),
                new PostgresPartnerRegistry(database), Clock.systemUTC());
    }
}
