package com.qlower.loaders.validator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.EmfLine;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.JsonLines;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.ValidatedRecord;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The validator's handler on the S3 notifications in {@code events/} (the files {@code sam local invoke -e} reads),
 * deserialized by the Lambda runtime's own serializer, against a real S3 protocol server. Only the pipeline starter
 * (the Step Functions port) is a recording fake.
 */
class ValidatorHandlerTest {

    private static final Path SAMPLE = SamplePartnerFile.PATH;
    private static final Path BADLY_NAMED_SAMPLE = Path.of("../samples/rejected/gestimmo/releve novembre.json");
    /** The run id the later steps' events carry: the validator must compute the same from the S3 event. */
    private static final Path TRANSFORMER_EVENT = Path.of(SamplePartnerFile.TRANSFORMER_REQUEST);
    private static final Context CONTEXT = LambdaContexts.named("qlower-loaders-prod-validator");

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3Only()
            .withBuckets(INGEST_BUCKET).emptiedBeforeEachTest();
    private static ObjectStore store;
    private static final RecordingStarter starter = new RecordingStarter();
    private static ValidatorHandler handler;
    private static final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        store = infrastructure.objectStore();
        handler = ValidatorWiring.forLocal(LocalAdapters.of(store, CLOCK)
                .withPartners(InMemoryPartnerRegistry.with("gestimmo")), starter, new MetricsLog(metrics::add, CLOCK));
    }

    /** Each test starts from an empty bucket (the extension empties it) and a starter that has started nothing. */
    @BeforeEach
    void forgetStartsAndMetrics() {
        starter.reset();
        metrics.clear();
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put.json", type = S3Event.class)
    void wellNamedFile_isAcceptedStagedAndItsPipelineStarted(S3Event event) throws Exception {
        S3EventNotificationRecord record = onlyRecord(event);
        String key = record.getS3().getObject().getUrlDecodedKey();
        String versionId = record.getS3().getObject().getVersionId();
        assertThat(key).isEqualTo("inbox/gestimmo/transactions_20261123.json");
        assertThat(record.getS3().getObject().getSizeAsLong()).as("the event's size is the sample's")
                .isEqualTo(Files.size(SAMPLE));
        upload(key, SAMPLE);

        ValidationService.Verdict verdict = onlyVerdict(handler.handleRequest(event, CONTEXT));

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(verdict.counts().received()).isEqualTo(13);
        assertThat(verdict.counts().rejected()).isZero();
        assertThat(verdict.counts().accepted()).isEqualTo(13);
        assertThat(verdict.runId()).matches("[0-9a-f]{32}")
                .as("the later steps' events carry the run id the validator computes for this S3 event")
                .isEqualTo(StepJson.mapper().readValue(TRANSFORMER_EVENT.toFile(), TransformRequest.class).runId());
        assertThat(verdict.start()).isEqualTo(PipelineStarter.StartOutcome.STARTED);

        assertThat(starter.names()).containsExactly(verdict.executionName());
        assertValidExecutionName(verdict.executionName());
        assertThat(verdict.executionName()).isEqualTo("gestimmo-transactions_20261123-" + verdict.runId())
                .as("the later steps' events carry the execution name, as Step Functions gives it to them")
                .isEqualTo(StepJson.mapper().readValue(TRANSFORMER_EVENT.toFile(), TransformRequest.class)
                        .executionName());
        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.field("Step")).isEqualTo("Validate");
            assertThat(emf.field("Partner")).isEqualTo("gestimmo");
            assertThat(emf.field("Loader")).isEqualTo("transactions");
            assertThat(emf.hasMetric("StepDuration")).isTrue();
        });
        PipelineInput input = starter.inputs().get(0);
        assertThat(input.runId()).isEqualTo(verdict.runId());
        assertThat(input.file()).isEqualTo(new FileRef(INGEST_BUCKET, key, versionId));
        assertThat(input.run().partnerId()).isEqualTo("gestimmo");
        assertThat(input.run().loader()).isEqualTo(Loader.TRANSACTIONS);
        assertThat(input.run().mode()).isEqualTo(Mode.DELTA);
        assertThat(input.run().snapshotDay()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(input.validation()).isEqualTo(new PipelineInput.Validation(StepOutcome.ACCEPTED, 13, 0));
        for (String request : List.of("transformer-request", "integrator-request", "archiver-succeeded-request",
                "archiver-failed-request", "notifier-request")) {
            assertThat(StepJson.mapper().treeToValue(StepJson.mapper().readTree(Path.of("../events/" + request
                    + ".json").toFile()).get("run"), RunFacts.class))
                    .as("the run the state machine passes on in " + request + " is the one the validator starts with")
                    .isEqualTo(input.run());
        }

        assertThat(store.exists(INGEST_BUCKET, "staging/" + verdict.runId() + "/report.json")).isTrue();
        assertThat(store.exists(INGEST_BUCKET, "staging/" + verdict.runId() + "/validated.jsonl.gz")).isTrue();
        RunReport report = new ReportStore(store).read(INGEST_BUCKET, verdict.runId());
        assertThat(report.runId()).isEqualTo(verdict.runId());
        assertThat(report.file()).isEqualTo(new FileRef(INGEST_BUCKET, key, versionId));
        assertThat(report.outcome()).isEqualTo(FileOutcome.IN_PROGRESS);
        assertThat(report.partnerId()).isEqualTo("gestimmo");
        assertThat(report.loader()).isEqualTo(Loader.TRANSACTIONS);
        assertThat(report.mode()).isEqualTo(Mode.DELTA);
        assertThat(report.sizeBytes()).isEqualTo(Files.size(SAMPLE));
        assertThat(report.sha256()).isEqualTo(sha256Hex(SAMPLE));
        assertThat(report.counts().received()).isEqualTo(13);
        assertThat(report.counts().accepted()).isEqualTo(13);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.errors().total()).isZero();
        try (Stream<ValidatedRecord> staged = JsonLines.read(store,
                new FileRef(INGEST_BUCKET, StagingLayout.validatedKey(verdict.runId()), null),
                ContractJson.internalMapper(), ValidatedRecord.class)) {
            assertThat(staged.map(ValidatedRecord::index).toList())
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        }
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put.json", type = S3Event.class)
    void sameEventDeliveredTwice_givesOneRunIdAndOneExecutionName(S3Event event) throws Exception {
        S3EventNotificationRecord record = onlyRecord(event);
        upload(record.getS3().getObject().getUrlDecodedKey(), SAMPLE);

        ValidationService.Verdict first = onlyVerdict(handler.handleRequest(event, CONTEXT));
        ValidationService.Verdict second = onlyVerdict(handler.handleRequest(event, CONTEXT));

        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.executionName()).isEqualTo(first.executionName());
        assertThat(starter.names()).as("Step Functions refuses the second start by its name")
                .containsExactly(first.executionName(), first.executionName());
        assertThat(starter.inputs().get(1)).isEqualTo(starter.inputs().get(0));
        assertThat(second.start()).isEqualTo(PipelineStarter.StartOutcome.ALREADY_STARTED);
        assertThat(second.outcome()).isEqualTo(StepOutcome.ACCEPTED);
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put.json", type = S3Event.class)
    void duplicateDeliveryDuringTheExecution_leavesTheStagedReportAlone(S3Event event) {
        upload(onlyRecord(event).getS3().getObject().getUrlDecodedKey(), SAMPLE);
        ValidationService.Verdict first = onlyVerdict(handler.handleRequest(event, CONTEXT));
        ReportStore reports = new ReportStore(store);
        RunReport validated = reports.read(INGEST_BUCKET, first.runId());
        // meanwhile the execution has transformed the file: the transformer completed the staged report
        RunReport transformed = validated.withTransformation(StepOutcome.ACCEPTED, validated.counts(),
                validated.errors(),
                ErrorList.of(List.of(FileError.ofRecord(ErrorCode.CATEGORY_INFERRED,
                        Message.of("loyer déduit", "no category given: inferred 'rent' from the label"), 3, "/category",
                        "rent"))),
                CLOCK.instant().plusSeconds(4));
        reports.write(INGEST_BUCKET, transformed);

        ValidationService.Verdict second = onlyVerdict(handler.handleRequest(event, CONTEXT));

        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.start()).isEqualTo(PipelineStarter.StartOutcome.ALREADY_STARTED);
        assertThat(reports.read(INGEST_BUCKET, first.runId())).as("the running execution's report is not reset")
                .isEqualTo(transformed);
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put-unversioned.json", type = S3Event.class)
    void eventOfAnUnversionedBucket_withAnEmptyVersionId_namesNoVersion(S3Event event) throws Exception {
        S3EventNotificationRecord record = onlyRecord(event);
        assertThat(record.getS3().getObject().getVersionId()).as("as S3 sends it").isEmpty();
        String key = record.getS3().getObject().getUrlDecodedKey();
        upload(key, SAMPLE);

        ValidationService.Verdict verdict = onlyVerdict(handler.handleRequest(event, CONTEXT));

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        PipelineInput input = starter.inputs().get(0);
        assertThat(input.file()).as("no version, not a version named \"\"")
                .isEqualTo(new FileRef(INGEST_BUCKET, key, null));
        assertThat(verdict.runId()).as("an unversioned file's run id comes from the event's sequencer")
                .isEqualTo(new IncomingFile(INGEST_BUCKET, key, null, 0, record.getS3().getObject().getSequencer())
                        .runId());
        assertThat(new ReportStore(store).read(INGEST_BUCKET, verdict.runId()).file().versionId()).isNull();
    }

    @ParameterizedTest
    @Event(value = "../events/validator-s3-put-badly-named.json", type = S3Event.class)
    void badlyNamedFile_isRejectedWithKeyInvalidAndNothingStaged(S3Event event) throws Exception {
        S3EventNotificationRecord record = onlyRecord(event);
        assertThat(record.getS3().getObject().getKey()).as("as S3 sends it")
                .isEqualTo("inbox/gestimmo/relev%C3%A9+novembre.json");
        String key = record.getS3().getObject().getUrlDecodedKey();
        String versionId = record.getS3().getObject().getVersionId();
        assertThat(key).isEqualTo("inbox/gestimmo/relev\u00e9 novembre.json");
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(Files.size(BADLY_NAMED_SAMPLE));
        upload(key, BADLY_NAMED_SAMPLE);

        ValidationService.Verdict verdict = onlyVerdict(handler.handleRequest(event, CONTEXT));

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.REJECTED);
        assertThat(verdict.counts().accepted()).isZero();
        assertThat(verdict.counts().addsUp()).isTrue();
        assertValidExecutionName(verdict.executionName());
        assertThat(verdict.executionName()).isEqualTo("gestimmo-relev__novembre-" + verdict.runId());
        assertThat(starter.names()).containsExactly(verdict.executionName());
        PipelineInput input = starter.inputs().get(0);
        assertThat(input.file()).isEqualTo(new FileRef(INGEST_BUCKET, key, versionId));
        assertThat(input.run().partnerId()).as("the partner folder is valid even if the name is not")
                .isEqualTo("gestimmo");
        assertThat(input.run().loader()).isNull();
        assertThat(input.run().snapshotDate()).isNull();
        assertThat(input.validation().outcome()).isEqualTo(StepOutcome.REJECTED);

        RunReport report = new ReportStore(store).read(INGEST_BUCKET, verdict.runId());
        assertThat(report.file().key()).isEqualTo(key);
        assertThat(report.errors().first()).extracting(FileError::code).containsExactly(ErrorCode.KEY_INVALID);
        assertThat(report.errors().first().get(0).value()).isEqualTo(key);
        assertThat(report.hasFileErrors()).isTrue();
        assertThat(report.stepsSoFar().validate()).as("the verdict a redelivered event starts the execution with")
                .isEqualTo(StepOutcome.REJECTED);
        assertThat(store.exists(INGEST_BUCKET, StagingLayout.reportKey(verdict.runId()))).isTrue();
        assertThat(store.exists(INGEST_BUCKET, StagingLayout.validatedKey(verdict.runId()))).isFalse();
    }

    private static S3EventNotificationRecord onlyRecord(S3Event event) {
        assertThat(event.getRecords()).hasSize(1);
        S3EventNotificationRecord record = event.getRecords().get(0);
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getAwsRegion()).isEqualTo("eu-west-3");
        assertThat(record.getS3().getBucket().getName()).isEqualTo(INGEST_BUCKET);
        return record;
    }

    private static ValidationService.Verdict onlyVerdict(ValidatorHandler.Result result) {
        assertThat(result.files()).hasSize(1);
        return result.files().get(0);
    }

    private static void assertValidExecutionName(String name) {
        assertThat(name).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
    }

    private static void upload(String key, Path file) {
        infrastructure.s3Client().putObject(b -> b.bucket(INGEST_BUCKET).key(key), file);
    }

    private static String sha256Hex(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The Step Functions port, honouring its contract: a name already started is not started again. */
    private static final class RecordingStarter implements PipelineStarter {
        private final List<String> names = new ArrayList<>();
        private final List<PipelineInput> inputs = new ArrayList<>();
        private final Set<String> started = new HashSet<>();

        @Override
        public synchronized StartOutcome start(String executionName, PipelineInput input) {
            names.add(executionName);
            inputs.add(input);
            return started.add(executionName) ? StartOutcome.STARTED : StartOutcome.ALREADY_STARTED;
        }

        synchronized List<String> names() {
            return List.copyOf(names);
        }

        synchronized List<PipelineInput> inputs() {
            return List.copyOf(inputs);
        }

        synchronized void reset() {
            names.clear();
            inputs.clear();
            started.clear();
        }
    }
}
