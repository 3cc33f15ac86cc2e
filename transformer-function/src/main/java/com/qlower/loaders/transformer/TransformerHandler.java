package com.qlower.loaders.transformer;

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
import com.qlower.loaders.adapters.postgres.PostgresReferenceData;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the Transform state: maps a validated file's records to the internal model. */
public class TransformerHandler implements RequestHandler<TransformRequest, TransformResult> {

    private final TransformationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public TransformerHandler() {
        this(ColdStart.wire("transformer", () -> wire(System.getenv())), MetricsLog.standardOutput());
    }

    private static TransformationService wire(Map<String, String> env) {
        Database database = new Database(DatabaseSecret.fromEnvironment(env));
        return new TransformationService(new S3ObjectStore(AwsClients.s3(Region.of(Environment.required(env,
                "AWS_REGION")))), new PostgresReferenceData(database), UpstreamWait.fromEnvironment(env),
                Clock.systemUTC(), new PostgresAuditTrail(database));
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public TransformerHandler(TransformationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public TransformResult handleRequest(TransformRequest request, Context context) {
        try (LogContext log = LogContext.forFile(request.runId(), request.executionName(), request.file().key())) {
            MetricsLog.StepMetrics step = metrics.start(MetricsLog.Step.TRANSFORM, log);
            TransformResult result = service.transform(request);
            if (result.outcome() != StepOutcome.WAITING) { // a waiting file is counted when it is transformed
                step.count(Count.RECORDS_ACCEPTED, result.accepted()).count(Count.RECORDS_REJECTED, result.rejected());
            }
            step.emit();
            return result;
        }
    }
}
