package com.qlower.loaders.archiver;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The real archiver on {@code events/archiver-succeeded-request.json}, from the integrated sample, writes exactly
 * the golden copies the notifier's tests start from ({@link StagedSample}).
 */
class StagedSampleTest {

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET);

    @ParameterizedTest
    @Event(value = "../events/archiver-succeeded-request.json", type = ArchiveRequest.class)
    void theSampleArchived_isTheGoldenCopyTheNotifiersTestsStartFrom(ArchiveRequest request) throws Exception {
        StagedSample.integrated(infrastructure.objectStore(), infrastructure.database());
        ArchiverHandler archiver = ArchiverWiring.forLocal(LocalAdapters.onPostgres(infrastructure.objectStore(),
                infrastructure.database(), CLOCK).withPartners(InMemoryPartnerRegistry.with("gestimmo"))
                .withAudit(AuditTrail.NONE), MetricsLog.discarded());

        // the local S3 server keeps no versions: the archiver reads the current object
        archiver.handleRequest(new ArchiveRequest(request.runId(), request.executionName(), new FileRef(
                request.file().bucket(), request.file().key(), null), request.run(), request.outcome(),
                request.failure()), LambdaContexts.named("qlower-loaders-prod-archiver"));

        StagedSample.assertStaged(StagedSample.Stage.ARCHIVED, infrastructure);
    }
}
