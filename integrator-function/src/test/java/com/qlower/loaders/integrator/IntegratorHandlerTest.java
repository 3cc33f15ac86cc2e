package com.qlower.loaders.integrator;

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
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.transformer.TransformationService;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorConfig;
import com.qlower.loaders.validator.ValidatorHandler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The integrator's handler on {@code events/integrator-request.json}, read by the Lambda runtime's serializer, over
 * a real S3 protocol server and a real PostgreSQL. The staging area is prepared by the real validator (on
 * {@code events/validator-s3-put.json}) and the real transformer (on {@code events/transformer-request.json}).
 * In order: the first delivery, then a Step Functions retry of the same request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegratorHandlerTest {

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
    private static final Context CONTEXT = lambdaContext("qlower-loaders-prod-integrator");

    private static LocalS3Server s3;
    private static LocalPostgres postgres;
    private static S3Client s3Client;
    private static ObjectStore store;
    private static Database database;
    private static String validatedRunId;
    private static String transformedKey;
    private static IntegratorHandler handler;

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
        s3Client.putObject(b -> b.bucket(BUCKET).key(KEY), SAMPLE);

        ValidationService.Verdict verdict = new ValidatorHandler(new ValidationService(store, (name, input) -> StartOutcome.STARTED,
                new PartnerFileCheck(new RecordValidator(CLOCK), ValidatorConfig.DEFAULT_MAX_FILE_BYTES, ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT), CLOCK))
                .handleRequest(EventLoader.loadS3Event("../events/validator-s3-put.json"), CONTEXT).files().get(0);
        assertThat(verdict.outcome()).as("precondition: validated").isEqualTo(StepOutcome.ACCEPTED);
        validatedRunId = verdict.runId();
        TransformResult transformed = new TransformationService(store, SAMPLE_REFERENCES, CLOCK)
                .transform(EventLoader.loadEvent("../events/transformer-request.json", TransformRequest.class));
        assertThat(transformed.outcome()).as("precondition: transformed").isEqualTo(StepOutcome.ACCEPTED);
        transformedKey = transformed.stagedKey();

        handler = new IntegratorHandler(new IntegrationService(store, new PostgresIntegrationStore(database),
                DOCUMENTS_BUCKET, CLOCK));
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

    @Order(1)
    @ParameterizedTest
    @Event(value = "../events/integrator-request.json", type = IntegrateRequest.class)
    void transformedFile_isIntegratedInOneTransaction(IntegrateRequest request) {
        assertThat(request.runId()).matches("[0-9a-f]{32}").isEqualTo(validatedRunId);
        assertThat(request.file()).isEqualTo(new FileRef(BUCKET, KEY, VERSION));
        assertThat(request.stagedKey()).isEqualTo(transformedKey);

        IntegrateResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result).isEqualTo(new IntegrateResult(13, 0, 0));
        assertThat(transactionsOfGestimmo()).isEqualTo(13);
        long fromThisRun = database.jdbi().withHandle(h -> h.createQuery("select count(*) from transactions "
                + "where partner_id = 'gestimmo' and last_run_id = :run").bind("run", request.runId())
                .mapTo(Long.class).one());
        assertThat(fromThisRun).isEqualTo(13);
        Map<String, Object> run = ingestionRun(request.runId());
        assertThat(run).containsEntry("status", "INTEGRATED")
                .containsEntry("partner_id", "gestimmo")
                .containsEntry("loader", "transactions")
                .containsEntry("mode", "delta")
                .containsEntry("object_bucket", BUCKET)
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

        RunReport report = new ReportStore(store).read(BUCKET, request.runId());
        assertThat(report.integratedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.outcome()).isEqualTo(FileOutcome.IN_PROGRESS);
        assertThat(report.counts().inserted()).isEqualTo(13);
        assertThat(report.counts().accepted()).isEqualTo(13);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.sha256()).isEqualTo(run.get("sha256"));
    }

    @Order(2)
    @ParameterizedTest
    @Event(value = "../events/integrator-request.json", type = IntegrateRequest.class)
    void sameRequestRetried_changesNothing_andAnswersWithTheFirstCounts(IntegrateRequest request) {
        IntegrateResult result = handler.handleRequest(request, CONTEXT);

        // a retry after a lost answer: the run is in already, it is not merged again
        assertThat(result).isEqualTo(new IntegrateResult(13, 0, 0));
        assertThat(transactionsOfGestimmo()).isEqualTo(13);
        assertThat(ingestionRun(request.runId())).containsEntry("status", "INTEGRATED")
                .containsEntry("inserted", 13L).containsEntry("unchanged", 0L);
        assertThat(new ReportStore(store).read(BUCKET, request.runId()).counts().addsUp()).isTrue();
    }

    @Test
    void requestAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        JsonNode integrate = ContractJson.internalMapper().readTree(DEFINITION.toFile()).path("States")
                .path("Integrate");
        JsonNode event = ContractJson.internalMapper().readTree(Path.of("../events/integrator-request.json")
                .toFile());
        List<String> payloadFields = new ArrayList<>();
        integrate.path("Parameters").path("Payload").fieldNames()
                .forEachRemaining(f -> payloadFields.add(f.replaceFirst("\\.\\$$", "")));
        List<String> eventFields = new ArrayList<>();
        event.fieldNames().forEachRemaining(eventFields::add);
        assertThat(eventFields).containsExactlyInAnyOrderElementsOf(payloadFields);
        StepJson.mapper().treeToValue(event, IntegrateRequest.class); // no field the record does not know

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(IntegrateResult.class, ClassLoader.getSystemClassLoader())
                .toJson(new IntegrateResult(13, 0, 0), json);
        JsonNode payload = ContractJson.internalMapper().readTree(json.toByteArray());
        integrate.path("ResultSelector").forEach(path -> {
            String field = path.asText().replaceFirst("^\\$\\.Payload\\.", "");
            assertThat(payload.has(field)).as("the runtime's output has %s: %s", field, payload).isTrue();
        });
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
