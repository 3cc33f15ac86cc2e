package com.qlower.loaders.transformer;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.EmfLine;
import com.qlower.loaders.adapters.testing.FilePipelineDefinition;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.JsonLines;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.steps.ValidatedRecord;
import com.qlower.loaders.testing.InMemoryReferenceData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The transformer's handler on {@code events/transformer-request.json}, read by the Lambda runtime's serializer, over
 * a real S3 protocol server. Before each test the staging area holds what the real validator stages for the sample
 * on {@code events/validator-s3-put.json} ({@link StagedSample}, held to the validator by its own test): the run id
 * it computes from that notification (bucket, key, version) is the one the request carries.
 */
class TransformerHandlerTest {

    private static final Context CONTEXT = LambdaContexts.named("qlower-loaders-prod-transformer");

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3Only()
            .withBuckets(INGEST_BUCKET).emptiedBeforeEachTest();
    private static ObjectStore store;
    private static String validatedRunId;
    private static TransformerHandler handler;
    private static final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        store = infrastructure.objectStore();
        handler = TransformerWiring.forLocal(LocalAdapters.of(store, CLOCK).withReferences(sampleReferences()),
                UpstreamWait.DEFAULT, new MetricsLog(metrics::add, CLOCK));
    }

    /** The sample drop's owners and properties, as if its caracteristiques file had been integrated before. */
    static InMemoryReferenceData sampleReferences() {
        return InMemoryReferenceData.withRecordsOf("gestimmo", SamplePartnerFile.CARACTERISTIQUES,
                SamplePartnerFile.PATH);
    }

    /** An empty bucket, then the sample in the inbox as the real validator stages it on the S3 event of events/. */
    @BeforeEach
    void validateTheSample() {
        metrics.clear();
        validatedRunId = StagedSample.validated(store);
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void validatedFile_isTransformedAndStagedForTheIntegrator(TransformRequest request) throws Exception {
        assertThat(request.runId()).matches("[0-9a-f]{32}").isEqualTo(validatedRunId);
        assertThat(request.file()).isEqualTo(SamplePartnerFile.fileRef());

        TransformResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(result.accepted()).isEqualTo(13);
        assertThat(result.rejected()).isZero();
        String integratorStagedKey = StepJson.mapper()
                .readValue(Path.of(SamplePartnerFile.INTEGRATOR_REQUEST).toFile(), IntegrateRequest.class).stagedKey();
        assertThat(result.stagedKey())
                .isEqualTo("staging/" + request.runId() + "/transformed.rows.gz")
                .as("the integrator's event takes the key the transformer stages")
                .isEqualTo(integratorStagedKey);
        assertThat(store.exists(INGEST_BUCKET, result.stagedKey())).isTrue();

        List<StagedRecord> staged = new ArrayList<>();
        try (StagedRows.Reader rows = StagedRows.read(store.open(new FileRef(INGEST_BUCKET, result.stagedKey(),
                null)), result.stagedKey()); Stream<StagedRecord> records = rows.records()) {
            records.forEach(staged::add);
        }
        assertThat(staged).hasSize(13).allMatch(r -> r instanceof Transaction);
        assertThat(staged).extracting(StagedRecord::externalId)
                .startsWith("GI-TRX-20261001-0001").endsWith("GI-TRX-20261112-0013").doesNotHaveDuplicates();
        assertThat(staged.stream().map(Transaction.class::cast)
                .filter(t -> t.categorySource() == Transaction.CategorySource.INFERRED)).hasSize(3);

        RunReport report = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(report.runId()).isEqualTo(request.runId());
        assertThat(report.transformedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.counts().received()).isEqualTo(13);
        assertThat(report.counts().accepted()).isEqualTo(13);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.errors().total()).isZero();
        assertThat(report.warnings().total()).isEqualTo(3);
        assertThat(report.warnings().first()).extracting(FileError::code).containsOnly(ErrorCode.CATEGORY_INFERRED);

        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.metric("RecordsAccepted")).isEqualTo(13);
            assertThat(emf.metric("RecordsRejected")).isZero();
            assertThat(emf.field("Partner")).isEqualTo("gestimmo");
            assertThat(emf.field("Loader")).isEqualTo("transactions");
            assertThat(emf.field("Step")).isEqualTo("Transform");
            assertThat(emf.field("runId")).isEqualTo(request.runId());
        });
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void transformRetried_listsEachWarningOnce(TransformRequest request) {
        TransformResult first = handler.handleRequest(request, CONTEXT);
        RunReport afterFirst = new ReportStore(store).read(INGEST_BUCKET, request.runId());

        TransformResult again = handler.handleRequest(request, CONTEXT);

        assertThat(again).isEqualTo(first);
        RunReport afterRetry = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(afterRetry.counts()).isEqualTo(afterFirst.counts());
        assertThat(afterRetry.errors()).isEqualTo(afterFirst.errors());
        assertThat(afterRetry.warnings().total()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------- a night's files in any order

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void transactionsBeforeTheNightsCaracteristiques_waitForThem_writingNothing(TransformRequest request) {
        RunReport validated = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        var nothingIntegratedYet = new com.qlower.loaders.testing.InMemoryReferenceData();

        TransformResult result = new TransformationService(store, nothingIntegratedYet, UpstreamWait.DEFAULT, CLOCK,
                AuditTrail.NONE)
                .transform(request);

        assertThat(result).isEqualTo(TransformResult.waiting(300));
        assertThat(new ReportStore(store).read(INGEST_BUCKET, request.runId())).isEqualTo(validated);
        assertThat(store.exists(INGEST_BUCKET, "staging/" + request.runId() + "/transformed.rows.gz")).isFalse();
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void waitingFile_emitsTheStepsDuration_butNoRecordCountsYet(TransformRequest request) {
        TransformerHandler waiting = TransformerWiring.forLocal(LocalAdapters.of(store, CLOCK).withReferences(
                new com.qlower.loaders.testing.InMemoryReferenceData()), UpstreamWait.DEFAULT,
                new MetricsLog(metrics::add, CLOCK));

        TransformResult result = waiting.handleRequest(request, CONTEXT);

        assertThat(result.outcome()).isEqualTo(StepOutcome.WAITING);
        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.hasMetric("StepDuration")).isTrue();
            assertThat(emf.hasMetric("RecordsAccepted")).isFalse();
            assertThat(emf.hasMetric("RecordsRejected")).isFalse();
        });
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void waitEndsAtTheMaximum_andTheUnknownReferencesAreRejected_namingTheFileThatNeverCame(
            TransformRequest request) {
        var nothingIntegrated = new com.qlower.loaders.testing.InMemoryReferenceData();
        java.time.Clock almostOver = java.time.Clock.offset(CLOCK, java.time.Duration.ofMinutes(178));
        java.time.Clock over = java.time.Clock.offset(CLOCK, java.time.Duration.ofMinutes(181));

        TransformResult lastWait = new TransformationService(store, nothingIntegrated, UpstreamWait.DEFAULT,
                almostOver, AuditTrail.NONE).transform(request);
        TransformResult result = new TransformationService(store, nothingIntegrated, UpstreamWait.DEFAULT, over,
                AuditTrail.NONE)
                .transform(request);

        assertThat(lastWait).as("never waits past the maximum").isEqualTo(TransformResult.waiting(121));
        assertThat(result.outcome()).isEqualTo(StepOutcome.REJECTED);
        RunReport report = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(report.counts().rejected()).isEqualTo(13);
        assertThat(report.warnings().first()).filteredOn(w -> w.code() == ErrorCode.UPSTREAM_FILE_NOT_RECEIVED)
                .singleElement().satisfies(w -> {
                    assertThat(w.value()).isEqualTo("caracteristiques");
                    assertThat(w.message().en()).contains("no caracteristiques file of 2026-11-23 arrived in the "
                            + "3 h 1 min after this one");
                    assertThat(w.message().fr()).contains("dans les 3 h 1 min qui ont suivi ce fichier");
                });
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void fileBeyondItsToleranceWhateverArrives_isRejectedAtOnce_withoutWaiting(TransformRequest request) {
        // the 7 records of October break a business rule no later file can mend (a value date two months before
        // the booking): beyond the tolerance of 5 % and its floor of 2 records. The validator lets them through.
        infrastructure.emptyBuckets(INGEST_BUCKET);
        StagedSample.validated(store, records -> records.replace("\"value_date\":\"2026-10-",
                "\"value_date\":\"2026-08-"));
        try (Stream<ValidatedRecord> staged = JsonLines.read(store, new FileRef(INGEST_BUCKET,
                StagingLayout.validatedKey(request.runId()), null), ContractJson.internalMapper(),
                ValidatedRecord.class)) {
            assertThat(staged.map(r -> r.record().path("value_date").asText()))
                    .as("precondition").filteredOn(date -> date.startsWith("2026-08-")).hasSize(7)
                    .contains("2026-08-31");
        }
        var nothingIntegratedYet = new com.qlower.loaders.testing.InMemoryReferenceData();

        TransformResult result = new TransformationService(store, nothingIntegratedYet, UpstreamWait.DEFAULT, CLOCK,
                AuditTrail.NONE).transform(request);

        assertThat(result.outcome()).as("no wait: the file cannot pass").isEqualTo(StepOutcome.REJECTED);
        RunReport report = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(report.errors().first()).extracting(FileError::code)
                .startsWith(ErrorCode.TOO_MANY_REJECTED_RECORDS).contains(ErrorCode.VALUE_DATE_TOO_EARLY);
        assertThat(report.warnings().first()).extracting(FileError::code)
                .doesNotContain(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED);
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void unknownReferences_onceTheNightsCaracteristiquesWereProcessed_areRejectedWithoutWaiting(
            TransformRequest request) {
        var processedWithoutTheProperties = new com.qlower.loaders.testing.InMemoryReferenceData()
                .processed("gestimmo", com.qlower.loaders.contract.Loader.CARACTERISTIQUES,
                        java.time.LocalDate.of(2026, 11, 23));

        TransformResult result = new TransformationService(store, processedWithoutTheProperties,
                UpstreamWait.DEFAULT, CLOCK, AuditTrail.NONE).transform(request);

        assertThat(result.outcome()).isEqualTo(StepOutcome.REJECTED);
        RunReport report = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        assertThat(report.errors().first()).extracting(FileError::code)
                .contains(ErrorCode.TRANSACTION_PROPERTY_UNKNOWN);
        assertThat(report.warnings().first()).extracting(FileError::code)
                .doesNotContain(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED);
    }

    @Test
    void requestAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        FilePipelineDefinition.assertSendsTheEvent("Transform", SamplePartnerFile.TRANSFORMER_REQUEST,
                TransformRequest.class);

        JsonNode payload = FilePipelineDefinition.assertSelectsFrom(
                new TransformResult(StepOutcome.ACCEPTED, "staging/x/transformed.rows.gz", 13, 0), "Transform");
        assertThat(payload.path("outcome").asText()).isEqualTo("ACCEPTED");
    }
}
