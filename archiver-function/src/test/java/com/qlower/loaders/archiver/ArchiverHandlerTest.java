package com.qlower.loaders.archiver;

import com.qlower.loaders.testing.InMemoryReferenceData;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.integrator.IntegrationService;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveResult;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.transformer.TransformationService;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorConfig;
import com.qlower.loaders.validator.ValidatorHandler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archiver's handler on {@code events/archiver-succeeded-request.json} and
 * {@code events/archiver-failed-request.json}, read by the Lambda runtime's serializer, over a real S3 protocol
 * server and a real PostgreSQL. Each test starts from an empty bucket and database, and runs the previous steps for
 * real on the sample file, from {@code events/validator-s3-put.json} on, as far as its path went.
 */
class ArchiverHandlerTest {

    /** The sample drop's owners and properties, as if its caracteristiques file had been integrated before. */
    private static final InMemoryReferenceData SAMPLE_REFERENCES = InMemoryReferenceData.withRecordsOf("gestimmo",
            Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json"),
            Path.of("../samples/drop/gestimmo/transactions_20261123.json"));

    private static final String BUCKET = "qlower-loaders-ingest-prod";
    private static final String DOCUMENTS_BUCKET = "qlower-loaders-documents-prod";
    private static final String KEY = "inbox/gestimmo/transactions_20261123.json";
    private static final String VERSION = "Ut4mWq7hK2bXz9pLr.3sVdN_8yEcQo1F";
    private static final Path SAMPLE = Path.of("../samples/drop/gestimmo/transactions_20261123.json");
    private static final Path DEFINITION = Path.of("../statemachine/file-pipeline.asl.json");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:12:42Z"), ZoneOffset.UTC);
    private static final Context CONTEXT = lambdaContext("qlower-loaders-prod-archiver");

    private static LocalS3Server s3;
    private static LocalPostgres postgres;
    private static S3Client s3Client;
    private static ObjectStore store;
    private static Database database;
    private static ArchiverHandler handler;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3Server.inMemory();
        postgres = LocalPostgres.fresh();
        database = new Database(new DatabaseConfig(postgres.createDatabase("qlower"), LocalPostgres.USER, null));
        database.migrate();
        s3Client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
        s3Client.createBucket(b -> b.bucket(BUCKET));
        s3Client.createBucket(b -> b.bucket(DOCUMENTS_BUCKET));
        store = new S3ObjectStore(s3Client);
        handler = new ArchiverHandler(new ArchiveService(store, new PostgresRunLedger(database), CLOCK));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3Client != null) {
            s3Client.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyBucketsAndDatabase() {
        for (String bucket : List.of(BUCKET, DOCUMENTS_BUCKET)) {
            for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                s3Client.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
        database.jdbi().useHandle(h -> h.execute(
                "truncate table documents, transactions, properties, owners, ingestion_runs"));
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-succeeded-request.json", type = ArchiveRequest.class)
    void integratedFile_goesToSuccessWithItsFinalReport(ArchiveRequest request) throws Exception {
        assertThat(request.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(request.failure()).isNull();
        assertThat(request.file()).isEqualTo(new FileRef(BUCKET, KEY, VERSION));
        String runId = validateTransformIntegrate(true);
        assertThat(request.runId()).isEqualTo(runId);

        ArchiveResult result = handler.handleRequest(unversioned(request), CONTEXT);

        String base = "success/gestimmo/transactions_20261123." + runId.substring(0, 12);
        assertThat(result).isEqualTo(new ArchiveResult(base + ".json", base + ".report.json"));
        assertThat(bytesOf(result.archivedKey())).isEqualTo(Files.readAllBytes(SAMPLE));
        assertThat(store.exists(BUCKET, KEY)).as("moved out of the inbox").isFalse();
        assertThat(keysUnder("failure/")).isEmpty();

        JsonNode reportJson = ContractJson.internalMapper().readTree(bytesOf(result.reportKey()));
        assertThat(reportJson.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(reportJson.path("archived_key").asText()).isEqualTo(result.archivedKey());
        assertThat(reportJson.path("counts").path("received").asLong()).isEqualTo(13);
        assertThat(reportJson.has("failure")).isFalse();
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(result.reportKey()), RunReport.class);
        assertThat(report.runId()).isEqualTo(runId);
        assertThat(report.file()).isEqualTo(request.file());
        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts()).isEqualTo(new Counts(13, 13, 0, 13, 0, 0, 0));
        assertThat(report.counts().received()).isEqualTo(report.counts().accepted() + report.counts().rejected());
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.errors().total()).isZero();
        assertThat(report.warnings().total()).isEqualTo(3);
        assertThat(report.finishedAt()).isEqualTo(CLOCK.instant());
        assertThat(new ReportStore(store).read(BUCKET, runId)).as("the staged report is the final one too")
                .isEqualTo(report);

        assertThat(ingestionRun(runId)).containsEntry("status", "SUCCEEDED")
                .containsEntry("archived_key", result.archivedKey())
                .containsEntry("received", 13L).containsEntry("accepted", 13L).containsEntry("rejected", 0L)
                .containsEntry("inserted", 13L).containsEntry("error_count", 0L);
        assertThat(ingestionRun(runId).get("finished_at")).isNotNull();
        assertThat(transactionsOfGestimmo()).isEqualTo(13);
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-succeeded-request.json", type = ArchiveRequest.class)
    void archiveRedriven_completesWithoutASecondCopy(ArchiveRequest request) throws Exception {
        validateTransformIntegrate(true);
        ArchiveResult first = handler.handleRequest(unversioned(request), CONTEXT);

        ArchiveResult again = handler.handleRequest(unversioned(request), CONTEXT);

        assertThat(again).isEqualTo(first);
        assertThat(keysUnder("success/")).containsExactlyInAnyOrder(first.archivedKey(), first.reportKey());
        assertThat(store.exists(BUCKET, KEY)).isFalse();
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(first.reportKey()), RunReport.class);
        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts()).isEqualTo(new Counts(13, 13, 0, 13, 0, 0, 0));
        assertThat(ingestionRun(request.runId())).containsEntry("status", "SUCCEEDED");
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void fileWhoseIntegrationFailed_goesToFailureWithAPipelineError(ArchiveRequest request) throws Exception {
        assertThat(request.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(request.failure().error()).isEqualTo("com.qlower.loaders.errors.TransientFailure");
        assertThat(ContractJson.internalMapper().readTree(request.failure().cause()).path("errorType").asText())
                .isEqualTo("com.qlower.loaders.errors.TransientFailure");
        // validated and transformed; the integration failed after its retries, so nothing was committed
        String runId = validateTransformIntegrate(false);
        assertThat(request.runId()).isEqualTo(runId);

        ArchiveResult result = handler.handleRequest(unversioned(request), CONTEXT);

        String base = "failure/gestimmo/transactions_20261123." + runId.substring(0, 12);
        assertThat(result).isEqualTo(new ArchiveResult(base + ".json", base + ".report.json"));
        assertThat(bytesOf(result.archivedKey())).isEqualTo(Files.readAllBytes(SAMPLE));
        assertThat(store.exists(BUCKET, KEY)).isFalse();
        assertThat(keysUnder("success/")).isEmpty();

        RunReport report = ContractJson.internalMapper().readValue(bytesOf(result.reportKey()), RunReport.class);
        assertThat(report.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(report.archivedKey()).isEqualTo(result.archivedKey());
        assertThat(report.failure().error()).isEqualTo(request.failure().error());
        assertThat(report.failure().cause()).as("the cause keeps at least Lambda's errorMessage")
                .contains("integrating run " + runId + " failed (SQLSTATE 08006)");
        assertThat(report.errors().total()).isEqualTo(1);
        FileError error = report.errors().first().get(0);
        assertThat(error.code()).isEqualTo(ErrorCode.PIPELINE_ERROR);
        assertThat(error.message().en()).contains("com.qlower.loaders.errors.TransientFailure");
        assertThat(report.counts()).as("nothing integrated: every record counts as rejected")
                .isEqualTo(new Counts(13, 0, 13, 0, 0, 0, 0));
        assertThat(report.counts().addsUp()).isTrue();

        assertThat(ingestionRun(runId)).containsEntry("status", "FAILED")
                .containsEntry("archived_key", result.archivedKey())
                .containsEntry("first_error", "PIPELINE_ERROR").containsEntry("error_count", 1L)
                .containsEntry("received", 13L).containsEntry("accepted", 0L).containsEntry("rejected", 13L);
        assertThat(transactionsOfGestimmo()).isZero();
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void failedArchiveRedriven_listsThePipelineErrorOnce(ArchiveRequest request) throws Exception {
        validateTransformIntegrate(false);
        ArchiveResult first = handler.handleRequest(unversioned(request), CONTEXT);

        ArchiveResult again = handler.handleRequest(unversioned(request), CONTEXT);

        assertThat(again).isEqualTo(first);
        assertThat(keysUnder("failure/")).containsExactlyInAnyOrder(first.archivedKey(), first.reportKey());
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(first.reportKey()), RunReport.class);
        assertThat(report.errors().first()).extracting(FileError::code).containsExactly(ErrorCode.PIPELINE_ERROR);
        assertThat(report.errors().total()).isEqualTo(1);
        assertThat(ingestionRun(request.runId())).containsEntry("error_count", 1L);
    }

    @Test
    void requestsAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        JsonNode states = ContractJson.internalMapper().readTree(DEFINITION.toFile()).path("States");
        assertSamePayload(states.path("ArchiveIntegratedFile"), "../events/archiver-succeeded-request.json");
        assertSamePayload(states.path("ArchiveFailedFile"), "../events/archiver-failed-request.json");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(ArchiveResult.class, ClassLoader.getSystemClassLoader())
                .toJson(new ArchiveResult("success/p/f.0123456789ab.json", "success/p/f.0123456789ab.report.json"),
                        json);
        JsonNode payload = ContractJson.internalMapper().readTree(json.toByteArray());
        for (String state : List.of("ArchiveIntegratedFile", "ArchiveRejectedFile", "ArchiveFailedFile")) {
            states.path(state).path("ResultSelector").forEach(path -> {
                String field = path.asText().replaceFirst("^\\$\\.Payload\\.", "");
                assertThat(payload.has(field)).as("%s selects %s from %s", state, field, payload).isTrue();
            });
        }
    }

    /** The event has the payload's fields, constant values equal, and the record reads it strictly. */
    private static void assertSamePayload(JsonNode state, String eventFile) throws Exception {
        JsonNode payload = state.path("Parameters").path("Payload");
        JsonNode event = ContractJson.internalMapper().readTree(Path.of(eventFile).toFile());
        assertShape(payload, event, eventFile);
        StepJson.mapper().treeToValue(event, ArchiveRequest.class);
    }

    private static void assertShape(JsonNode payload, JsonNode event, String where) {
        List<String> expected = new ArrayList<>();
        payload.fieldNames().forEachRemaining(f -> expected.add(f.replaceFirst("\\.\\$$", "")));
        List<String> actual = new ArrayList<>();
        event.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as(where).containsExactlyInAnyOrderElementsOf(expected);
        payload.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                assertShape(f.getValue(), event.path(f.getKey()), where + "/" + f.getKey());
            } else if (!f.getKey().endsWith(".$")) {
                assertThat(event.path(f.getKey())).as(where + "/" + f.getKey()).isEqualTo(f.getValue());
            }
        });
    }

    /**
     * The request without its version id. The events carry the version S3 announced (the ingest bucket is versioned),
     * but the local S3 server does not version objects: it ignores {@code versionId} on GET, yet answers 404 to a
     * copy whose {@code x-amz-copy-source} names a version, so the archiver's copy of the raw file could not run.
     */
    private static ArchiveRequest unversioned(ArchiveRequest request) {
        assertThat(request.file().versionId()).isNotNull();
        return new ArchiveRequest(request.runId(), new FileRef(request.file().bucket(), request.file().key(), null),
                request.outcome(), request.failure());
    }

    /**
     * Runs the earlier steps for real on the sample: the validator on the S3 event of {@code events/}, then the
     * transformer and, if asked, the integrator on their events. Returns the run id.
     */
    private static String validateTransformIntegrate(boolean integrate) throws Exception {
        s3Client.putObject(b -> b.bucket(BUCKET).key(KEY), SAMPLE);
        ValidationService.Verdict verdict = new ValidatorHandler(new ValidationService(store, (name, input) -> StartOutcome.STARTED,
                new PartnerFileCheck(new RecordValidator(CLOCK), ValidatorConfig.DEFAULT_MAX_FILE_BYTES, ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT), CLOCK))
                .handleRequest(EventLoader.loadS3Event("../events/validator-s3-put.json"), CONTEXT).files().get(0);
        assertThat(verdict.outcome()).as("precondition: validated").isEqualTo(StepOutcome.ACCEPTED);
        TransformResult transformed = new TransformationService(store, SAMPLE_REFERENCES, CLOCK)
                .transform(EventLoader.loadEvent("../events/transformer-request.json", TransformRequest.class));
        assertThat(transformed.outcome()).as("precondition: transformed").isEqualTo(StepOutcome.ACCEPTED);
        if (integrate) {
            IntegrateResult integrated = new IntegrationService(store, new PostgresIntegrationStore(database),
                    DOCUMENTS_BUCKET, CLOCK).integrate(EventLoader.loadEvent("../events/integrator-request.json",
                    IntegrateRequest.class));
            assertThat(integrated.inserted()).as("precondition: integrated").isEqualTo(13);
        }
        assertThat(store.exists(BUCKET, StagingLayout.reportKey(verdict.runId()))).isTrue();
        return verdict.runId();
    }

    private static byte[] bytesOf(String key) {
        return s3Client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    private static List<String> keysUnder(String prefix) {
        return s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static long transactionsOfGestimmo() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from transactions where partner_id = 'gestimmo'").mapTo(Long.class).one());
    }

    private static Map<String, Object> ingestionRun(String runId) {
        return database.jdbi().withHandle(h -> h.createQuery("select * from ingestion_runs where run_id = :run")
                .bind("run", runId).mapToMap().one());
    }

    /** A Lambda context as the runtime gives one; the handlers do not read it. */
    static Context lambdaContext(String functionName) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFunctionName" -> functionName;
                    case "getAwsRequestId" -> "5f0e6c7a-3b1d-4e8a-9c2f-7d4b1a6e8f30";
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Context[" + functionName + "]";
                    default -> null;
                });
    }
}
