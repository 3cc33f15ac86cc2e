package com.qlower.loaders.transformer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import com.qlower.loaders.testing.InMemoryReferenceData;
import com.qlower.loaders.transformer.TransformationService;
import com.qlower.loaders.transformer.UpstreamWait;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorConfig;
import com.qlower.loaders.validator.ValidatorHandler;

/**
 * The steps before the one a handler test tries, run for real on the {@link SamplePartnerFile}: the validator on the
 * S3 notification of {@code events/}, the transformer on {@code events/transformer-request.json}. The run id the
 * validator computes from that notification (bucket, key, version) is the one the later steps' events carry, so
 * what these steps stage is what those events point at.
 */
public final class EarlierSteps {

    private static final Context VALIDATOR_CONTEXT = LambdaContexts.named("qlower-loaders-prod-validator");

    private EarlierSteps() {
    }

    /** The sample drop's owners and properties, as if its caracteristiques file had been integrated before. */
    public static InMemoryReferenceData sampleReferences() {
        return InMemoryReferenceData.withRecordsOf("gestimmo", SamplePartnerFile.CARACTERISTIQUES,
                SamplePartnerFile.PATH);
    }

    /**
     * S3 delivers the sample's notification to the real validator, with its default limits, and Step Functions
     * answers the start with the given outcome. Returns the validator's verdict on the file.
     */
    public static ValidationService.Verdict deliverTheS3Event(ObjectStore store, StartOutcome stepFunctionsAnswer) {
        ValidatorHandler validator = new ValidatorHandler(new ValidationService(store,
                (name, input) -> stepFunctionsAnswer,
                new PartnerFileCheck(new RecordValidator(SamplePartnerFile.CLOCK),
                        ValidatorConfig.DEFAULT_MAX_FILE_BYTES, ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT),
                InMemoryPartnerRegistry.with("gestimmo"), DeliveryLog.NONE, SamplePartnerFile.CLOCK, AuditTrail.NONE),
                MetricsLog.discarded());
        return validator.handleRequest(EventLoader.loadS3Event(SamplePartnerFile.S3_EVENT), VALIDATOR_CONTEXT)
                .files().get(0);
    }

    /**
     * The sample dropped in the inbox and validated: the validator accepts it and starts its pipeline. Returns the
     * run id.
     */
    public static String dropAndValidateTheSample(LocalInfrastructure infrastructure) {
        return dropAndValidate(infrastructure, SamplePartnerFile.PATH);
    }

    /**
     * Another version of the sample (same key, same S3 notification) dropped in the inbox and validated: the
     * validator accepts it and starts its pipeline. Returns the run id.
     */
    public static String dropAndValidate(LocalInfrastructure infrastructure, java.nio.file.Path file) {
        infrastructure.s3Client().putObject(
                b -> b.bucket(SamplePartnerFile.INGEST_BUCKET).key(SamplePartnerFile.KEY), file);
        ValidationService.Verdict verdict = deliverTheS3Event(infrastructure.objectStore(), StartOutcome.STARTED);
        assertThat(verdict.outcome()).as("precondition: the validator accepted the sample")
                .isEqualTo(StepOutcome.ACCEPTED);
        return verdict.runId();
    }

    /** The validated sample transformed, on the {@link #sampleReferences()}: the transformer accepts it. */
    public static TransformResult transformTheSample(ObjectStore store) {
        TransformResult transformed = new TransformationService(store, sampleReferences(), UpstreamWait.DEFAULT,
                SamplePartnerFile.CLOCK, AuditTrail.NONE)
                .transform(EventLoader.loadEvent(SamplePartnerFile.TRANSFORMER_REQUEST, TransformRequest.class));
        assertThat(transformed.outcome()).as("precondition: the transformer accepted the sample")
                .isEqualTo(StepOutcome.ACCEPTED);
        return transformed;
    }
}
