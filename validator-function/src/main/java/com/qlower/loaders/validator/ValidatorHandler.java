package com.qlower.loaders.validator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.LogContext;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresDeliveryLog;
import com.qlower.loaders.adapters.postgres.PostgresMappingProfiles;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.adapters.stepfunctions.StepFunctionsPipelineStarter;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * Lambda entry point, triggered by S3 for every object created under {@code inbox/}: validates each file and
 * starts its pipeline execution.
 */
public class ValidatorHandler implements RequestHandler<S3Event, ValidatorHandler.Result> {

    /** One verdict per file of the event. */
    public record Result(List<ValidationService.Verdict> files) {
    }

    private final ValidationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public ValidatorHandler() {
        this(ColdStart.wire("validator", () -> wire(ValidatorConfig.fromEnvironment(System.getenv()))),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public ValidatorHandler(ValidationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        return new Result(event.getRecords().stream()
                .map(record -> new IncomingFile(
                        record.getS3().getBucket().getName(),
                        record.getS3().getObject().getUrlDecodedKey(),
                        record.getS3().getObject().getVersionId(),
                        record.getS3().getObject().getSizeAsLong(),
                        record.getS3().getObject().getSequencer()))
                .map(this::validate)
                .toList());
    }

    private ValidationService.Verdict validate(IncomingFile file) {
        try (LogContext log = LogContext.forFile(file.runId(), file.executionName(), file.key())) {
            MetricsLog.StepMetrics step = metrics.start(MetricsLog.Step.VALIDATE, log);
            ValidationService.Verdict verdict = service.validate(file);
            step.emit();
            return verdict;
        }
    }

    private static ValidationService wire(ValidatorConfig config) {
        Region region = Region.of(config.region());
        Database database = new Database(DatabaseSecret.fromEnvironment(System.getenv()));
        return new ValidationService(
                new S3ObjectStore(AwsClients.s3(region)),
                new StepFunctionsPipelineStarter(AwsClients.stepFunctions(region), config.stateMachineArn()),
                new PartnerFileCheck(new RecordValidator(Clock.systemUTC()), config.maxFileBytes(),
                        config.rejectTolerancePercent()),
                new PostgresPartnerRegistry(database), new PostgresMappingProfiles(database),
                new PostgresDeliveryLog(database), Clock.systemUTC(), new PostgresAuditTrail(database));
    }
}
