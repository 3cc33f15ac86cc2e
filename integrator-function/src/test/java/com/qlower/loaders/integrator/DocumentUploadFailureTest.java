package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import com.qlower.loaders.testing.InMemoryReferenceData;
import com.qlower.loaders.transformer.TransformationService;
import com.qlower.loaders.transformer.UpstreamWait;
import com.qlower.loaders.validator.IncomingFile;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A documents file whose second upload to the documents bucket fails, on a real S3 protocol server and a real
 * PostgreSQL: no row points at nothing, no object is left that no row points at, and the retry stores both.
 */
class DocumentUploadFailureTest {

    private static final Path DOCUMENTS = Path.of("../samples/drop/gestimmo/documents_20261123.json");
    private static final String KEY = "inbox/gestimmo/documents_20261123.json";

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET).emptiedBeforeEachTest();
    private static PostgresIntegrationStore database;
    private IntegrateRequest request;

    @BeforeAll
    static void start() throws Exception {
        database = new PostgresIntegrationStore(infrastructure.database());
    }

    /** The documents sample validated and transformed by the real services, ready for the integrator. */
    @BeforeEach
    void stageTheDocuments() throws Exception {
        request = stage(KEY, DOCUMENTS, "0A1B2C");
    }

    private static IntegrateRequest stage(String key, Path content, String sequencer) throws Exception {
        ObjectStore store = infrastructure.objectStore();
        infrastructure.s3Client().putObject(b -> b.bucket(INGEST_BUCKET).key(key), content);
        IncomingFile file = new IncomingFile(INGEST_BUCKET, key, null, Files.size(content), sequencer);
        PipelineInput[] started = new PipelineInput[1];
        new ValidationService(store, (name, input) -> {
            started[0] = input;
            return PipelineStarter.StartOutcome.STARTED;
        },
                new PartnerFileCheck(new RecordValidator(CLOCK), ValidatorConfig.DEFAULT_MAX_FILE_BYTES,
                        ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT), InMemoryPartnerRegistry.with("gestimmo"),
                DeliveryLog.NONE, CLOCK, AuditTrail.NONE).validate(file);
        var references = InMemoryReferenceData.withRecordsOf("gestimmo", SamplePartnerFile.CARACTERISTIQUES,
                SamplePartnerFile.PATH);
        TransformResult transformed = new TransformationService(store, references, UpstreamWait.DEFAULT, CLOCK,
                AuditTrail.NONE)
                .transform(new TransformRequest(file.runId(), file.executionName(), file.ref(), started[0].run()));
        assertThat(transformed.outcome()).as("precondition").isEqualTo(StepOutcome.ACCEPTED);
        return new IntegrateRequest(file.runId(), file.executionName(), file.ref(), started[0].run());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void secondUploadFails_leavesNoRowAndNoObject_andTheRetryStoresBoth(boolean transient_) {
        RuntimeException failure = transient_ ? new TransientFailure("S3 answered 503", null)
                : new IllegalStateException("S3 answered 403 AccessDenied");
        ObjectStore failingSecondUpload = new FailingDocumentUpload(infrastructure.objectStore(), 2, failure);

        Throwable thrown = catchThrowable(() -> new IntegrationService(failingSecondUpload, database,
                DOCUMENTS_BUCKET, CLOCK, AuditTrail.NONE).integrate(request));

        assertThat(thrown).isSameAs(failure);
        assertThat(documentObjects()).as("no orphan object").isEmpty();
        assertThat(documentRows()).as("no row pointing at nothing").isZero();

        var retried = new IntegrationService(infrastructure.objectStore(), database, DOCUMENTS_BUCKET, CLOCK,
                AuditTrail.NONE)
                .integrate(request);

        assertThat(retried.inserted()).isEqualTo(2);
        assertThat(documentRows()).isEqualTo(2);
        assertThat(documentObjects()).hasSize(2);
    }

    @org.junit.jupiter.api.Test
    void documentsWhoseContentIsStoredAlready_areNotUploadedAgain_andTheirRowsPointAtTheSameObject(
            @org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        new IntegrationService(infrastructure.objectStore(), database, DOCUMENTS_BUCKET, CLOCK, AuditTrail.NONE)
                .integrate(request);
        List<String> before = documentObjects();
        // the same contents again, as other documents of a later file
        Path later = work.resolve("documents_20261124.json");
        Files.writeString(later, Files.readString(DOCUMENTS).replace("GI-DOC-2026-", "GI-DOC-2027-")
                .replace("\"snapshot_date\": \"2026-11-23\"", "\"snapshot_date\": \"2026-11-24\""));
        IntegrateRequest laterRequest = stage("inbox/gestimmo/documents_20261124.json", later, "0A1B2D");
        FailingDocumentUpload countingUploads = new FailingDocumentUpload(infrastructure.objectStore(),
                Integer.MAX_VALUE, new IllegalStateException("never"));

        var again = new IntegrationService(countingUploads, database, DOCUMENTS_BUCKET, CLOCK, AuditTrail.NONE)
                .integrate(laterRequest);

        assertThat(again.inserted()).isEqualTo(2);
        assertThat(countingUploads.uploads.get()).as("no upload to the documents bucket").isZero();
        assertThat(documentObjects()).isEqualTo(before);
        assertThat(documentRows()).isEqualTo(4);
        List<String> keys = infrastructure.database().jdbi().withHandle(h -> h.createQuery(
                "select distinct storage_key from documents").mapTo(String.class).list());
        assertThat(keys).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<String> documentObjects() {
        return infrastructure.s3Client().listObjectsV2(b -> b.bucket(DOCUMENTS_BUCKET)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

    private static long documentRows() {
        return infrastructure.database().jdbi().withHandle(h -> h.createQuery("select count(*) from documents")
                .mapTo(Long.class).one());
    }

    /** The real store, but the n-th upload to the documents bucket fails as given. */
    private static final class FailingDocumentUpload implements ObjectStore {
        private final ObjectStore real;
        private final int failingUpload;
        private final RuntimeException failure;
        private final AtomicInteger uploads = new AtomicInteger();

        FailingDocumentUpload(ObjectStore real, int failingUpload, RuntimeException failure) {
            this.real = real;
            this.failingUpload = failingUpload;
            this.failure = failure;
        }

        private FileRef upload(String bucket, Supplier<FileRef> put) {
            if (bucket.equals(DOCUMENTS_BUCKET) && uploads.incrementAndGet() == failingUpload) {
                throw failure;
            }
            return put.get();
        }

        @Override
        public InputStream open(FileRef ref) {
            return real.open(ref);
        }

        @Override
        public FileRef put(String bucket, String key, Path content, String contentType) {
            return upload(bucket, () -> real.put(bucket, key, content, contentType));
        }

        @Override
        public FileRef put(String bucket, String key, byte[] content, String contentType) {
            return upload(bucket, () -> real.put(bucket, key, content, contentType));
        }

        @Override
        public boolean exists(String bucket, String key) {
            return real.exists(bucket, key);
        }

        @Override
        public void copy(FileRef from, String toBucket, String toKey) {
            real.copy(from, toBucket, toKey);
        }

        @Override
        public void delete(FileRef ref) {
            real.delete(ref);
        }

        @Override
        public void deleteAllVersions(String bucket, String key) {
            real.deleteAllVersions(bucket, key);
        }

        @Override
        public void deleteEarlierVersions(FileRef kept) {
            real.deleteEarlierVersions(kept);
        }
    }
}
