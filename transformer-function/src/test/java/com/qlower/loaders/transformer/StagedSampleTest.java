package com.qlower.loaders.transformer;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The real transformer on {@code events/transformer-request.json}, from the validated sample, stages exactly the
 * golden copies the integrator's tests start from ({@link StagedSample}).
 */
class StagedSampleTest {

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3Only().withBuckets(INGEST_BUCKET);

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void theSampleTransformed_isTheGoldenCopyTheIntegratorsTestsStartFrom(TransformRequest request)
            throws Exception {
        StagedSample.validated(infrastructure.objectStore());
        TransformerHandler transformer = TransformerWiring.forLocal(LocalAdapters.of(infrastructure.objectStore(),
                CLOCK).withReferences(TransformerHandlerTest.sampleReferences()), UpstreamWait.DEFAULT,
                MetricsLog.discarded());

        var result = transformer.handleRequest(request, LambdaContexts.named("qlower-loaders-prod-transformer"));

        assertThat(result.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        StagedSample.assertStaged(StagedSample.Stage.TRANSFORMED, infrastructure);
    }
}
