package com.qlower.loaders.archiver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.Environment;
import com.qlower.loaders.adapters.logging.LogContext;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveResult;
import com.qlower.loaders.steps.FileOutcome;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the Archive states: the file to success/ or failure/, its report beside it. */
public class ArchiverHandler implements RequestHandler<ArchiveRequest, ArchiveResult> {

    private final ArchiveService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public ArchiverHandler() {
        this(ColdStart.wire("archiver", () -> wire(System.getenv())), MetricsLog.standardOutput());
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public ArchiverHandler(ArchiveService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public ArchiveResult handleRequest(ArchiveRequest request, Context context) {
        try (LogContext log = LogContext.forFile(request.runId(), request.executionName(), request.file().key())) {
            MetricsLog.StepMetrics step = metrics.start(MetricsLog.Step.ARCHIVE, log);
            ArchiveResult result = service.archive(request);
            boolean succeeded = request.outcome() == FileOutcome.SUCCEEDED;
            // both, 0 or 1: the failure rate is FilesFailed / (FilesSucceeded + FilesFailed) over any period
            step.count(Count.FILES_SUCCEEDED, succeeded ? 1 : 0).count(Count.FILES_FAILED, succeeded ? 0 : 1).emit();
            return result;
        }
    }

    private static ArchiveService wire(Map<String, String> env) {
        Region region = Region.of(Environment.required(env, "AWS_REGION"));
        Database database = new Database(DatabaseSecret.fromEnvironment(env));
        return new ArchiveService(new S3ObjectStore(AwsClients.s3(region)), new PostgresRunLedger(database),
                new PostgresPartnerRegistry(database), Clock.systemUTC(), new PostgresAuditTrail(database));
    }
}
