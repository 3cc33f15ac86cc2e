package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.integrator.StagedRuns.DOCUMENTS_BUCKET;
import static com.qlower.loaders.integrator.StagedRuns.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
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

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET).emptiedBeforeEachTest();
    private static PostgresIntegrationStore database;
    private IntegrateRequest request;

    @BeforeAll
    static void start() throws Exception {
        database = new PostgresIntegrationStore(infrastructure.database());
    }

    /** The documents sample's two documents, staged as the transformer stages them (their fields as sent). */
    @BeforeEach
    void stageTheDocuments() throws Exception {
        request = stage(LocalDate.of(2026, 11, 23), sampleDocuments("GI-DOC-2026-"));
    }

    private static IntegrateRequest stage(LocalDate day, List<StagedRecord> documents) {
        return new StagedRuns(infrastructure.objectStore()).stage(Loader.DOCUMENTS, Mode.DELTA, day, 0, documents);
    }

    /** The documents of the sample, their external ids' prefix {@code GI-DOC-2026-} replaced by {@code prefix}. */
    private static List<StagedRecord> sampleDocuments(String prefix) throws Exception {
        List<StagedRecord> documents = new ArrayList<>();
        for (JsonNode record : ContractJson.internalMapper().readTree(DOCUMENTS.toFile()).path("records")) {
            String content = record.path("content_base64").asText();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Document.decodeBase64(content)));
            assertThat(sha256).as("precondition: the sample's checksum").isEqualTo(record.path("sha256").asText());
            documents.add(new Document(record.path("external_id").asText().replace("GI-DOC-2026-", prefix),
                    record.path("property_external_id").asText(), record.path("transaction_external_id").asText(),
                    record.path("document_type").asText(), record.path("file_name").asText(),
                    record.path("content_type").asText(), record.path("size_bytes").asLong(), sha256, content, null));
        }
        assertThat(documents).as("precondition").hasSize(2);
        return documents;
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
    void documentsWhoseContentIsStoredAlready_areNotUploadedAgain_andTheirRowsPointAtTheSameObject()
            throws Exception {
        new IntegrationService(infrastructure.objectStore(), database, DOCUMENTS_BUCKET, CLOCK, AuditTrail.NONE)
                .integrate(request);
        List<String> before = documentObjects();
        // the same contents again, as other documents of a later file
        IntegrateRequest laterRequest = stage(LocalDate.of(2026, 11, 24), sampleDocuments("GI-DOC-2027-"));
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
