package com.qlower.loaders.adapters.testing;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.pages.ErrorCodesPage;
import com.qlower.loaders.pages.ReportPage;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.JsonLines;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the real steps stage for the {@link SamplePartnerFile}, kept as golden copies in
 * {@code adapters/src/test/staged-sample/}: a later step's tests start from them instead of running the earlier
 * functions, so no function module needs another one to test. Each producing module's {@code StagedSampleTest} runs
 * its real step on the sample and holds what it stages to these copies ({@link #assertStaged}), so they cannot drift
 * from the steps; with {@code -Dloaders.staged-sample.write=true} that test rewrites them instead
 * (docs/testing.md). Gzipped objects are kept decoded, to be read and compared as text.
 */
public final class StagedSample {

    /** Where the golden copies are, from a module's folder (where Maven runs the tests). */
    private static final Path GOLDEN = Path.of("../adapters/src/test/staged-sample");
    private static final String WRITE_PROPERTY = "loaders.staged-sample.write";
    private static final String RUN_ID = integratorRequest().runId();
    /** Where the archiver puts the sample, an integrated file of partner gestimmo. */
    private static final ArchiveLayout ARCHIVE = new ArchiveLayout(FileOutcome.SUCCEEDED, "gestimmo", RUN_ID,
            SamplePartnerFile.KEY);

    /**
     * One object a step stages: its golden copy (null for the error codes' page, which is the catalogue of the code
     * that runs, not a copy), its key, whether it is gzipped in the store, its content type.
     */
    private record StagedObject(String golden, String key, boolean gzipped, String contentType) {

        /** Its content, decoded. */
        byte[] content() throws IOException {
            return golden == null ? ErrorCodesPage.page().getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(GOLDEN.resolve(golden));
        }
    }

    /** What each step leaves in the ingest bucket for the sample, beside what the steps before it left. */
    public enum Stage {
        /** The validator on {@code events/validator-s3-put.json}: the valid records and the report. */
        VALIDATED(new StagedObject("validated/report.json", StagingLayout.reportKey(RUN_ID), false,
                ReportStore.CONTENT_TYPE), new StagedObject("validated/validated.jsonl",
                StagingLayout.validatedKey(RUN_ID), true, JsonLines.CONTENT_TYPE)),
        /** The transformer on {@code events/transformer-request.json}: the rows to integrate, the report. */
        TRANSFORMED(new StagedObject("transformed/report.json", StagingLayout.reportKey(RUN_ID), false,
                ReportStore.CONTENT_TYPE), new StagedObject("transformed/transformed.rows",
                StagingLayout.transformedKey(RUN_ID), true, StagedRows.CONTENT_TYPE)),
        /** The integrator on {@code events/integrator-request.json}: the report with the integration's counts. */
        INTEGRATED(new StagedObject("integrated/report.json", StagingLayout.reportKey(RUN_ID), false,
                ReportStore.CONTENT_TYPE)),
        /**
         * The archiver on {@code events/archiver-succeeded-request.json}, the partner French: the final report in
         * staging and beside the archived file, its page and the error codes' page (the file itself is the sample).
         */
        ARCHIVED(new StagedObject("archived/report.json", StagingLayout.reportKey(RUN_ID), false,
                ReportStore.CONTENT_TYPE), new StagedObject("archived/file.report.json",
                ArchiveLayout.reportKeyOf(ARCHIVE.fileKey()), false, ReportStore.CONTENT_TYPE),
                new StagedObject("archived/file.report.html", ArchiveLayout.htmlReportKeyOf(ARCHIVE.fileKey()), false,
                        ReportPage.CONTENT_TYPE),
                new StagedObject(null, ArchiveLayout.errorCodesKeyOf(ARCHIVE.fileKey()), false,
                        ReportPage.CONTENT_TYPE));

        private final List<StagedObject> objects;

        Stage(StagedObject... objects) {
            this.objects = List.of(objects);
        }
    }

    private StagedSample() {
    }

    /** The run id the validator computes from the sample's S3 event, which the later steps' events carry. */
    public static String runId() {
        return RUN_ID;
    }

    /** The sample in the inbox, validated: what the transformer starts from. Returns the run id. */
    public static String validated(ObjectStore store) {
        return validated(store, UnaryOperator.identity());
    }

    /**
     * The sample validated, its staged records (one JSON object a line, as the validator writes them) edited: for
     * a change the validator lets through, which a later step's business rule refuses. The inbox holds the sample,
     * the report is the sample's.
     */
    public static String validated(ObjectStore store, UnaryOperator<String> editRecords) {
        try {
            store.put(INGEST_BUCKET, SamplePartnerFile.KEY, Files.readAllBytes(SamplePartnerFile.PATH),
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(store, Stage.VALIDATED, editRecords);
        return runId();
    }

    /** The sample validated and transformed: what the integrator starts from. Returns the run id. */
    public static String transformed(ObjectStore store) {
        validated(store);
        put(store, Stage.TRANSFORMED, UnaryOperator.identity());
        return runId();
    }

    /**
     * The sample integrated: its report, and its run and records committed to the database by the store the
     * integrator uses, as the integrator does (the integrator's {@code StagedSampleTest} checks the rows are the
     * same). Returns the run id.
     */
    public static String integrated(ObjectStore store, Database database) {
        transformed(store);
        IntegrateRequest request = integratorRequest();
        RunReport transformed = new ReportStore(store).read(INGEST_BUCKET, request.runId());
        Counts counts = transformed.counts();
        RunFacts facts = request.run();
        IngestionRun run = new IngestionRun(request.runId(), facts.partnerId(), facts.loader(), facts.mode(),
                request.file(), facts.sha256(), facts.snapshotDay(), facts.correction(), counts.received(),
                counts.accepted(), counts.rejected(), transformed.receivedAt(), facts.deletionGuard(),
                facts.profile());
        FileRef rows = new FileRef(INGEST_BUCKET, request.stagedKey(), null);
        try (StagedRows.Reader staged = StagedRows.read(store.open(rows), rows.key())) {
            new PostgresIntegrationStore(database).integrate(run, staged);
        }
        put(store, Stage.INTEGRATED, UnaryOperator.identity());
        return runId();
    }

    /**
     * The sample archived as integrated (the inbox emptied, the file and its reports under {@code success/}), the
     * database left untouched: what the notifier starts from. Returns the run id.
     */
    public static String archived(ObjectStore store) {
        transformed(store);
        put(store, Stage.INTEGRATED, UnaryOperator.identity());
        put(store, Stage.ARCHIVED, UnaryOperator.identity());
        store.copy(new FileRef(INGEST_BUCKET, SamplePartnerFile.KEY, null), INGEST_BUCKET, ARCHIVE.fileKey());
        store.delete(new FileRef(INGEST_BUCKET, SamplePartnerFile.KEY, null));
        return runId();
    }

    /**
     * Holds what the real step left in the ingest bucket for the sample to the golden copies of its stage: each
     * object, decoded, and no other object in the run's staging area (and archive) than the stages up to this one
     * put there. With {@code -Dloaders.staged-sample.write=true}, writes the copies instead.
     */
    public static void assertStaged(Stage stage, LocalInfrastructure infrastructure) throws IOException {
        boolean write = Boolean.getBoolean(WRITE_PROPERTY);
        for (StagedObject object : stage.objects) {
            byte[] bytes = infrastructure.s3Client().getObjectAsBytes(b -> b.bucket(INGEST_BUCKET)
                    .key(object.key())).asByteArray();
            byte[] decoded = object.gzipped() ? gunzip(bytes) : bytes;
            if (write && object.golden() != null) {
                Path golden = GOLDEN.resolve(object.golden());
                Files.createDirectories(golden.getParent());
                Files.write(golden, decoded);
                continue;
            }
            String because = "what the step stages under " + object.key() + " is no longer its golden copy "
                    + object.golden() + ": if the change is meant, rewrite the golden copies (-D" + WRITE_PROPERTY
                    + "=true, docs/testing.md)";
            if (object.key().endsWith(".json")) {
                ObjectMapper json = ContractJson.internalMapper();
                assertThat(json.readTree(decoded)).as(because).isEqualTo(json.readTree(object.content()));
            } else {
                assertThat(new String(decoded, StandardCharsets.UTF_8)).as(because)
                        .isEqualTo(new String(object.content(), StandardCharsets.UTF_8));
            }
        }
        assertThat(keysUnder(infrastructure, StagingLayout.STAGING_PREFIX)).as("the staging area")
                .containsExactlyInAnyOrderElementsOf(keysUpTo(stage, StagingLayout.STAGING_PREFIX));
        if (stage == Stage.ARCHIVED) {
            assertThat(keysUnder(infrastructure, "success/")).as("the archive")
                    .containsExactlyInAnyOrderElementsOf(keysUpTo(stage, "success/").stream().distinct().toList())
                    .contains(ARCHIVE.fileKey());
        }
    }

    private static List<String> keysUpTo(Stage last, String prefix) {
        Stream<String> archivedFile = last == Stage.ARCHIVED ? Stream.of(ARCHIVE.fileKey()) : Stream.empty();
        return Stream.concat(Arrays.stream(Stage.values())
                        .filter(s -> s.ordinal() <= last.ordinal()).flatMap(s -> s.objects.stream())
                        .map(StagedObject::key), archivedFile)
                .filter(key -> key.startsWith(prefix)).distinct().toList();
    }

    private static List<String> keysUnder(LocalInfrastructure infrastructure, String prefix) {
        return infrastructure.s3Client().listObjectsV2Paginator(b -> b.bucket(INGEST_BUCKET).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
    }

    private static void put(ObjectStore store, Stage stage, UnaryOperator<String> edit) {
        for (StagedObject object : stage.objects) {
            try {
                byte[] content = object.content();
                if (object.gzipped()) {
                    content = gzip(edit.apply(new String(content, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                }
                store.put(INGEST_BUCKET, object.key(), content, object.contentType());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the golden copy " + object.golden(), e);
            }
        }
    }

    private static IntegrateRequest integratorRequest() {
        try {
            return StepJson.mapper().readValue(Path.of(SamplePartnerFile.INTEGRATOR_REQUEST).toFile(),
                    IntegrateRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
