package com.qlower.loaders.validator;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.SnapStartHooks;
import com.qlower.loaders.adapters.SnapStartPriming;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresDeliveryLog;
import com.qlower.loaders.adapters.postgres.PostgresMappingProfiles;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.adapters.stepfunctions.StepFunctionsPipelineStarter;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.MappingProfiles;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.PipelineStarter;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The validator's one wiring, with its two entry points: on AWS, and outside it (the local runner, the tests). */
public final class ValidatorWiring {

    private ValidatorWiring() {
    }

    /** On AWS: S3, Step Functions and PostgreSQL, from the configuration read at cold start. */
    static ValidationService forAws(ValidatorConfig config) {
        Region region = Region.of(config.region());
        S3Client s3 = AwsClients.s3(region);
        SfnClient stepFunctions = AwsClients.stepFunctions(region);
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        ProfileCheck profileCheck = new ProfileCheck();
        Database database = SnapStartHooks.database(config.database().login(AwsClients.secretsManager(region)),
                SnapStartPriming.s3(s3), SnapStartPriming.stepFunctions(stepFunctions), SnapStartPriming.reportJson(),
                SnapStartPriming.contractSchemas(validator, profileCheck));
        return service(new S3ObjectStore(s3), new StepFunctionsPipelineStarter(stepFunctions, config.stateMachineArn()),
                validator, config.maxFileBytes(), config.rejectTolerancePercent(), new PostgresPartnerRegistry(database),
                new PostgresMappingProfiles(database, profileCheck), new PostgresDeliveryLog(database),
                Clock.systemUTC(), new PostgresAuditTrail(database));
    }

    /** Outside AWS, with the default limits: executions start with {@code starter}. */
    public static ValidatorHandler forLocal(LocalAdapters adapters, PipelineStarter starter, MetricsLog metrics) {
        return new ValidatorHandler(service(adapters.store(), starter, new RecordValidator(adapters.clock()),
                ValidatorConfig.DEFAULT_MAX_FILE_BYTES,
                ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT, LocalAdapters.required(adapters.partners(),
                        "partner registry"), adapters.profiles(),
                adapters.deliveries(), adapters.clock(), adapters.audit()), metrics);
    }

    private static ValidationService service(ObjectStore store, PipelineStarter starter, RecordValidator validator,
                                             long maxFileBytes, double rejectTolerancePercent,
                                             PartnerRegistry partners, MappingProfiles profiles,
                                             DeliveryLog deliveries, Clock clock, AuditTrail audit) {
        return new ValidationService(store, starter, new PartnerFileCheck(validator, maxFileBytes,
                rejectTolerancePercent), partners, profiles, deliveries, clock, audit);
    }
}
