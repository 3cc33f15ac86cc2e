package com.qlower.loaders.validator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The real validator on the sample's S3 event stages exactly the golden copies the transformer's tests start from
 * ({@link StagedSample}); and a duplicate of that event after the real transformation leaves its report alone.
 */
class StagedSampleTest {

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3Only()
            .withBuckets(INGEST_BUCKET).emptiedBeforeEachTest();

    private static ValidationService.Verdict deliver(S3Event event, StartOutcome stepFunctionsAnswer) {
        ValidatorHandler validator = ValidatorWiring.forLocal(LocalAdapters.of(infrastructure.objectStore(), CLOCK)
                .withPartners(InMemoryPartnerRegistry.with("gestimmo")), (name, input) -> stepFunctionsAnswer,
                MetricsLog.discarded());
        return validator.handleRequest(event, LambdaContexts.named("qlower-loaders-prod-validator")).files().get(0);
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put.json", type = S3Event.class)
    void theSampleValidated_isTheGoldenCopyTheTransformersTestsStartFrom(S3Event event) throws Exception {
        infrastructure.s3Client().putObject(b -> b.bucket(INGEST_BUCKET).key(SamplePartnerFile.KEY),
                SamplePartnerFile.PATH);

        ValidationService.Verdict verdict = deliver(event, StartOutcome.STARTED);

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(verdict.runId()).isEqualTo(StagedSample.runId());
        StagedSample.assertStaged(StagedSample.Stage.VALIDATED, infrastructure);
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put.json", type = S3Event.class)
    void duplicateS3DeliveryAfterTransformation_keepsTheTransformedReport(S3Event event) {
        StagedSample.transformed(infrastructure.objectStore());
        RunReport transformed = new ReportStore(infrastructure.objectStore()).read(INGEST_BUCKET,
                StagedSample.runId());
        assertThat(transformed.transformedAt()).as("precondition").isNotNull();

        // S3 delivers the same notification again while the execution runs: Step Functions refuses the start
        ValidationService.Verdict duplicate = deliver(event, StartOutcome.ALREADY_STARTED);

        assertThat(duplicate.start()).isEqualTo(StartOutcome.ALREADY_STARTED);
        assertThat(new ReportStore(infrastructure.objectStore()).read(INGEST_BUCKET, StagedSample.runId()))
                .isEqualTo(transformed);
    }
}
