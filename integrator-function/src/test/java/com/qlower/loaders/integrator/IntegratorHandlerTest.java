package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.KEY;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.testing.EmfLine;
import com.qlower.loaders.adapters.testing.FilePipelineDefinition;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The integrator's handler on {@code events/integrator-request.json}, read by the Lambda runtime's serializer, over
 * a real S3 protocol server and a real PostgreSQL. The staging area holds what the real validator (on
 * {@code events/validator-s3-put.json}) and the real transformer (on {@code events/transformer-request.json}) stage
 * for the sample ({@link StagedSample}, held to those steps by their own tests).
 * In order: the first delivery, then a Step Functions retry of the same request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegratorHandlerTest {

    private static final Context CONTEXT = LambdaContexts.named("qlower-loaders-prod-integrator");

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET);
    private static ObjectStore store;
    private static Database database;
    private static String validatedRunId;
    private static String transformedKey;
    private static IntegratorHandler handler;
    private static final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        store = infrastructure.objectStore();
        database = infrastructure.database();

        validatedRunId = StagedSample.transformed(store);
        transformedKey = StagingLayout.transformedKey(validatedRunId);

        handler = IntegratorWiring.forLocal(LocalAdapters.onPostgres(store, database, CLOCK).withAudit(AuditTrail.NONE),
                DOCUMENTS_BUCKET, new MetricsLog(metrics::add, CLOCK));
    }

    @Order(1)
    @ParameterizedTest
    @Event(value = "../events/integrator-request.json", type = IntegrateRequest.class)
    void transformedFile_isIntegratedInOneTransaction(IntegrateRequest request) {
        assertThat(request.runId()).matches("[0-9a-f]{32}").isEqualTo(validatedRunId);
        assertThat(request.file()).isEqualTo(SamplePartnerFile.fileRef());
        assertThat(request.stagedKey()).isEqualTo(transformedKey);

        IntegrateResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 13, 0, 0, 0));
        assertThat(infrastructure.transactionsOf("gestimmo")).isEqualTo(13);
        long fromThisRun = database.jdbi().withHandle(h -> h.createQuery("select count(*) from transactions "
                + "where partner_id = 'gestimmo' and last_run_id = :run").bind("run", request.runId())
                .mapTo(Long.class).one());
        assertThat(fromThisRun).isEqualTo(13);
        Map<String, Object> run = infrastructure.ingestionRun(request.runId());
        assertThat(run).containsEntry("status", "INTEGRATED")
                .containsEntry("partner_id", "gestimmo")
                .containsEntry("loader", "transactions")
                .containsEntry("mode", "delta")
                .containsEntry("object_bucket", INGEST_BUCKET)
                .containsEntry("object_key", KEY)
                .containsEntry("object_version", VERSION)
                .containsEntry("received", 13L)
                .containsEntry("accepted", 13L)
                .containsEntry("rejected", 0L)
                .containsEntry("inserted", 13L)
                .containsEntry("updated", 0L)
                .containsEntry("unchanged", 0L);
        assertThat(run.get("snapshot_date")).hasToString("2026-11-23");
        assertThat((String) run.get("sha256")).matches("[0-9a-f]{64}");

        RunReport report = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(report.integratedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.outcome()).isEqualTo(FileOutcome.IN_PROGRESS);
        assertThat(report.counts().inserted()).isEqualTo(13);
        assertThat(report.counts().accepted()).isEqualTo(13);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.sha256()).isEqualTo(run.get("sha256"));

        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.metric("RecordsInserted")).isEqualTo(13);
            assertThat(emf.metric("RecordsUpdated")).isZero();
            assertThat(emf.metric("RecordsRetired")).isZero();
            assertThat(emf.field("Partner")).isEqualTo("gestimmo");
            assertThat(emf.field("Loader")).isEqualTo("transactions");
            assertThat(emf.field("Step")).isEqualTo("Integrate");
        });
    }

    @Order(2)
    @ParameterizedTest
    @Event(value = "../events/integrator-request.json", type = IntegrateRequest.class)
    void sameRequestRetried_changesNothing_andAnswersWithTheFirstCounts(IntegrateRequest request) {
        IntegrateResult result = handler.handleRequest(request, CONTEXT);

        // a retry after a lost answer: the run is in already, it is not merged again
        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 13, 0, 0, 0));
        assertThat(infrastructure.transactionsOf("gestimmo")).isEqualTo(13);
        assertThat(infrastructure.ingestionRun(request.runId())).containsEntry("status", "INTEGRATED")
                .containsEntry("inserted", 13L).containsEntry("unchanged", 0L);
        assertThat(new ReportStore(store).read(INGEST_BUCKET, request.runId()).counts().addsUp()).isTrue();
    }

    @Test
    void requestAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        FilePipelineDefinition.assertSendsTheEvent("Integrate", SamplePartnerFile.INTEGRATOR_REQUEST,
                IntegrateRequest.class);

        FilePipelineDefinition.assertSelectsFrom(new IntegrateResult(StepOutcome.ACCEPTED, 13, 0, 0, 0), "Integrate");
    }
}
