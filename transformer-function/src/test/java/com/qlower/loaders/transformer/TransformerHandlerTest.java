package com.qlower.loaders.transformer;

import com.qlower.loaders.testing.InMemoryReferenceData;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.JsonLines;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The transformer's handler on {@code events/transformer-request.json}, read by the Lambda runtime's serializer, over
 * a real S3 protocol server. Before each test the staging area is prepared by the real validator on
 * {@code events/validator-s3-put.json}: the run id it computes from that notification (bucket, key, version) is the
 * one the request carries.
 */
class TransformerHandlerTest {

    /** The sample drop's owners and properties, as if its caracteristiques file had been integrated before. */
    private static final InMemoryReferenceData SAMPLE_REFERENCES = InMemoryReferenceData.withRecordsOf("gestimmo",
            Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json"),
            Path.of("../samples/drop/gestimmo/transactions_20261123.json"));

    private static final String BUCKET = "qlower-loaders-ingest-prod";
    private static final String KEY = "inbox/gestimmo/transactions_20261123.json";
    private static final Path SAMPLE = Path.of("../samples/drop/gestimmo/transactions_20261123.json");
    private static final String S3_EVENT = "../events/validator-s3-put.json";
    private static final Path DEFINITION = Path.of("../statemachine/file-pipeline.asl.json");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:12:42Z"), ZoneOffset.UTC);
    private static final Context CONTEXT = lambdaContext("qlower-loaders-prod-transformer");

    private static LocalS3Server s3;
    private static S3Client s3Client;
    private static ObjectStore store;
    private static String validatedRunId;
    private static TransformerHandler handler;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3Server.inMemory();
        s3Client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
        s3Client.createBucket(b -> b.bucket(BUCKET));
        store = new S3ObjectStore(s3Client);
        handler = new TransformerHandler(new TransformationService(store, SAMPLE_REFERENCES, CLOCK));
    }

    /** An empty bucket, then the sample in the inbox and the real validator run on the S3 event of events/. */
    @BeforeEach
    void validateTheSample() {
        for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            s3Client.deleteObject(b -> b.bucket(BUCKET).key(object.key()));
        }
        s3Client.putObject(b -> b.bucket(BUCKET).key(KEY), SAMPLE);
        ValidationService.Verdict verdict = validator(StartOutcome.STARTED)
                .handleRequest(EventLoader.loadS3Event(S3_EVENT), CONTEXT).files().get(0);
        assertThat(verdict.outcome()).as("precondition: the validator accepted the sample")
                .isEqualTo(StepOutcome.ACCEPTED);
        validatedRunId = verdict.runId();
    }

    private static ValidatorHandler validator(StartOutcome startOutcome) {
        return new ValidatorHandler(new ValidationService(store, (name, input) -> startOutcome,
                new PartnerFileCheck(new RecordValidator(CLOCK), ValidatorConfig.DEFAULT_MAX_FILE_BYTES, ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT), CLOCK));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3Client != null) {
            s3Client.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void validatedFile_isTransformedAndStagedForTheIntegrator(TransformRequest request) throws Exception {
        assertThat(request.runId()).matches("[0-9a-f]{32}").isEqualTo(validatedRunId);
        assertThat(request.file()).isEqualTo(new FileRef(BUCKET, KEY, "Ut4mWq7hK2bXz9pLr.3sVdN_8yEcQo1F"));

        TransformResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(result.accepted()).isEqualTo(13);
        assertThat(result.rejected()).isZero();
        String integratorStagedKey = StepJson.mapper()
                .readValue(Path.of("../events/integrator-request.json").toFile(), IntegrateRequest.class).stagedKey();
        assertThat(result.stagedKey())
                .isEqualTo("staging/" + request.runId() + "/transformed.jsonl.gz")
                .as("the integrator's event takes the key the transformer stages")
                .isEqualTo(integratorStagedKey);
        assertThat(store.exists(BUCKET, result.stagedKey())).isTrue();

        List<StagedRecord> staged = new ArrayList<>();
        try (Stream<StagedRecord> records = JsonLines.read(store, new FileRef(BUCKET, result.stagedKey(), null),
                ContractJson.internalMapper(), StagedRecord.class)) {
            records.forEach(staged::add);
        }
        assertThat(staged).hasSize(13).allMatch(r -> r instanceof Transaction);
        assertThat(staged).extracting(StagedRecord::externalId)
                .startsWith("GI-TRX-20261001-0001").endsWith("GI-TRX-20261112-0013").doesNotHaveDuplicates();
        assertThat(staged.stream().map(Transaction.class::cast)
                .filter(t -> t.categorySource() == Transaction.CategorySource.INFERRED)).hasSize(3);

        RunReport report = new ReportStore(store).read(BUCKET, request.runId());
        assertThat(report.runId()).isEqualTo(request.runId());
        assertThat(report.transformedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.counts().received()).isEqualTo(13);
        assertThat(report.counts().accepted()).isEqualTo(13);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.errors().total()).isZero();
        assertThat(report.warnings().total()).isEqualTo(3);
        assertThat(report.warnings().first()).extracting(FileError::code).containsOnly(ErrorCode.CATEGORY_INFERRED);
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void transformRetried_listsEachWarningOnce(TransformRequest request) {
        TransformResult first = handler.handleRequest(request, CONTEXT);
        RunReport afterFirst = new ReportStore(store).read(BUCKET, request.runId());

        TransformResult again = handler.handleRequest(request, CONTEXT);

        assertThat(again).isEqualTo(first);
        RunReport afterRetry = new ReportStore(store).read(BUCKET, request.runId());
        assertThat(afterRetry.counts()).isEqualTo(afterFirst.counts());
        assertThat(afterRetry.errors()).isEqualTo(afterFirst.errors());
        assertThat(afterRetry.warnings().total()).isEqualTo(3);
    }

    @ParameterizedTest
    @Event(value = "../events/transformer-request.json", type = TransformRequest.class)
    void duplicateS3DeliveryAfterTransformation_keepsTheTransformedReport(TransformRequest request) {
        handler.handleRequest(request, CONTEXT);
        RunReport transformed = new ReportStore(store).read(BUCKET, request.runId());
        assertThat(transformed.transformedAt()).isNotNull();

        // S3 delivers the same notification again while the execution runs: Step Functions refuses the start
        ValidationService.Verdict duplicate = validator(StartOutcome.ALREADY_STARTED)
                .handleRequest(EventLoader.loadS3Event(S3_EVENT), CONTEXT).files().get(0);
        assertThat(duplicate.start()).isEqualTo(StartOutcome.ALREADY_STARTED);

        assertThat(new ReportStore(store).read(BUCKET, request.runId())).isEqualTo(transformed);
    }

    @Test
    void requestAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        JsonNode transform = ContractJson.internalMapper().readTree(DEFINITION.toFile()).path("States")
                .path("Transform");
        JsonNode event = ContractJson.internalMapper().readTree(Path.of("../events/transformer-request.json")
                .toFile());
        List<String> payloadFields = new ArrayList<>();
        transform.path("Parameters").path("Payload").fieldNames()
                .forEachRemaining(f -> payloadFields.add(f.replaceFirst("\\.\\$$", "")));
        List<String> eventFields = new ArrayList<>();
        event.fieldNames().forEachRemaining(eventFields::add);
        assertThat(eventFields).containsExactlyInAnyOrderElementsOf(payloadFields);
        StepJson.mapper().treeToValue(event, TransformRequest.class); // no field the record does not know

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(TransformResult.class, ClassLoader.getSystemClassLoader())
                .toJson(new TransformResult(StepOutcome.ACCEPTED, "staging/x/transformed.jsonl.gz", 13, 0), json);
        JsonNode payload = ContractJson.internalMapper().readTree(json.toByteArray());
        transform.path("ResultSelector").forEach(path -> {
            String field = path.asText().replaceFirst("^\\$\\.Payload\\.", "");
            assertThat(payload.has(field)).as("the runtime's output has %s: %s", field, payload).isTrue();
        });
        assertThat(payload.path("outcome").asText()).isEqualTo("ACCEPTED");
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
