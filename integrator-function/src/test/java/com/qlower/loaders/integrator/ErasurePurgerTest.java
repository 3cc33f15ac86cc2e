package com.qlower.loaders.integrator;

import static com.qlower.loaders.integrator.StagedRuns.DOCUMENTS_BUCKET;
import static com.qlower.loaders.integrator.StagedRuns.INGEST_BUCKET;
import static com.qlower.loaders.integrator.StagedRuns.PARTNER;
import static com.qlower.loaders.integrator.StagedRuns.document;
import static com.qlower.loaders.integrator.StagedRuns.erasure;
import static com.qlower.loaders.integrator.StagedRuns.owner;
import static com.qlower.loaders.integrator.StagedRuns.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.testing.InMemoryIntegrationStore;
import com.qlower.loaders.testing.InMemoryObjectStore;
import com.qlower.loaders.testing.SampleReports;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The S3 work of an erasure, after its commit, over the in-memory stores: the document objects no other row points
 * at, the staged files of the runs that held the owner, their archived file rewritten, their reports without quoted
 * values; each item marked done.
 */
class ErasurePurgerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:30:00Z");
    private static final String ARCHIVED_KEY = "success/gestimmo/caracteristiques_20261123.0123456789ab.json";

    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryIntegrationStore database = new InMemoryIntegrationStore(NOW);
    private final ErasurePurger purger = new ErasurePurger(objects, database, DOCUMENTS_BUCKET);

    @Test
    void runFiles_areDeleted_archiveRewrittenWithoutTheOwner_andReportsRedacted() {
        IngestionRun sent = integrate(List.of(owner("O-ERASED"), property("P-1", "O-ERASED"), owner("O-KEPT")));
        stageFilesOf(sent.runId());
        database.archived(sent.runId(), ARCHIVED_KEY);
        objects.put(INGEST_BUCKET, ARCHIVED_KEY, """
                {"record_count": 3, "records": [
                  {"type": "owner", "external_id": "O-ERASED", "last_name": "Rousseau"},
                  {"type": "property", "external_id": "P-1", "owner_external_id": "O-ERASED"},
                  {"type": "owner", "external_id": "O-KEPT", "last_name": "Garnier"}]}"""
                .getBytes(StandardCharsets.UTF_8), "application/json");
        new ReportStore(objects).writeAt(INGEST_BUCKET, ArchiveLayout.reportKeyOf(ARCHIVED_KEY), quoting(sent.runId()));
        IngestionRun erasing = integrate(List.of(erasure("O-ERASED", "REQ-1")));

        int done = purger.purgeFor(erasing.runId());

        assertThat(done).isEqualTo(1);
        assertThat(objects.exists(INGEST_BUCKET, StagingLayout.validatedKey(sent.runId()))).isFalse();
        assertThat(objects.exists(INGEST_BUCKET, StagingLayout.transformedKey(sent.runId()))).isFalse();
        String archive = new String(objects.content(INGEST_BUCKET, ARCHIVED_KEY), StandardCharsets.UTF_8);
        assertThat(archive).doesNotContain("Rousseau").doesNotContain("P-1").contains("O-KEPT")
                .contains("\"record_count\":1");
        assertThat(quotedValues(StagingLayout.reportKey(sent.runId()))).containsOnlyNulls();
        assertThat(quotedValues(ArchiveLayout.reportKeyOf(ARCHIVED_KEY))).containsOnlyNulls();
        assertThat(database.pendingPurges(erasing.runId())).isEmpty();
    }

    @Test
    void aDocumentObject_isDeleted_unlessAnotherOwnersDocumentPointsAtIt() {
        byte[] erasedOnly = "%PDF erased owner's lease".getBytes(StandardCharsets.UTF_8);
        byte[] shared = "%PDF the building's rules".getBytes(StandardCharsets.UTF_8);
        integrate(List.of(owner("O-ERASED"), property("P-1", "O-ERASED"), owner("O-KEPT"), property("P-2", "O-KEPT")));
        Document lease = stored(document("D-1", "P-1", erasedOnly));
        Document rules = stored(document("D-2", "P-1", shared));
        Document sameRules = stored(document("D-3", "P-2", shared));
        integrate(Loader.DOCUMENTS, List.of(lease, rules, sameRules));
        IngestionRun erasing = integrate(List.of(erasure("O-ERASED", "REQ-1")));

        purger.purgeFor(erasing.runId());

        assertThat(objects.exists(DOCUMENTS_BUCKET, lease.storageKey())).isFalse();
        assertThat(objects.exists(DOCUMENTS_BUCKET, rules.storageKey())).as("another owner's document points at it")
                .isTrue();
    }

    @Test
    void aRunWithoutErasures_hasNothingToPurge() {
        IngestionRun run = integrate(List.of(owner("O-1")));

        assertThat(purger.purgeFor(run.runId())).isZero();
    }

    @Test
    void anArchiveNoLongerThere_isNotAnError_andTheItemIsDone() {
        IngestionRun sent = integrate(List.of(owner("O-ERASED")));
        database.archived(sent.runId(), ARCHIVED_KEY);
        IngestionRun erasing = integrate(List.of(erasure("O-ERASED", "REQ-1")));

        assertThat(purger.purgeFor(erasing.runId())).isEqualTo(1);
        assertThat(database.pendingPurges(erasing.runId())).isEmpty();
    }

    private IngestionRun integrate(List<StagedRecord> records) {
        return integrate(Loader.CARACTERISTIQUES, records);
    }

    private IngestionRun integrate(Loader loader, List<StagedRecord> records) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        IngestionRun run = new IngestionRun(runId, PARTNER, loader, Mode.DELTA,
                new FileRef(INGEST_BUCKET, "inbox/gestimmo/" + loader.wireName() + "_20261123.json", null),
                StagedRuns.newContent(), LocalDate.of(2026, 11, 23), 0, records.size(), records.size(), 0, NOW);
        database.integrate(run, records.stream());
        return run;
    }

    /** The document as the integration service leaves it: its content in the documents bucket. */
    private Document stored(Document document) {
        String key = PARTNER + "/" + document.sha256();
        objects.put(DOCUMENTS_BUCKET, key, Document.decodeBase64(document.contentBase64()), "application/pdf");
        return document.stored(key);
    }

    private void stageFilesOf(String runId) {
        objects.put(INGEST_BUCKET, StagingLayout.validatedKey(runId), new byte[] {1}, "application/x-ndjson");
        objects.put(INGEST_BUCKET, StagingLayout.transformedKey(runId), new byte[] {1}, "application/x-ndjson");
        new ReportStore(objects).write(INGEST_BUCKET, quoting(runId));
    }

    /** A report quoting a value of the owner's records. */
    private static RunReport quoting(String runId) {
        RunReport sample = SampleReports.succeeded(PARTNER, "caracteristiques_20261123.json", 3);
        FileError quoted = FileError.ofRecord(ErrorCode.CATEGORY_INFERRED, Message.of("déduit", "inferred"), 0,
                "/last_name", "Rousseau");
        return RunReport.builder(runId, sample.file()).partnerId(sample.partnerId()).loader(sample.loader())
                .mode(sample.mode()).snapshotDate(sample.snapshotDate()).sha256(sample.sha256())
                .sizeBytes(sample.sizeBytes()).outcome(sample.outcome()).rejectTolerance(sample.rejectTolerance())
                .counts(sample.counts()).errors(sample.errors()).warnings(ErrorList.of(List.of(quoted)))
                .receivedAt(sample.receivedAt()).validatedAt(sample.validatedAt())
                .transformedAt(sample.transformedAt()).integratedAt(sample.integratedAt())
                .finishedAt(sample.finishedAt()).archivedKey(sample.archivedKey()).build();
    }

    private List<String> quotedValues(String reportKey) {
        return new ReportStore(objects).readAt(INGEST_BUCKET, reportKey).warnings().first().stream()
                .map(FileError::value).toList();
    }
}
