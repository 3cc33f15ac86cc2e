package com.qlower.loaders.integrator;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.StagingLayout;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Runs staged as the transformer leaves them (a report and the records to integrate), in an object store of the
 * core tests: what the integration service reads.
 */
final class StagedRuns {

    static final String INGEST_BUCKET = "ingest";
    static final String DOCUMENTS_BUCKET = "documents";
    static final String PARTNER = "gestimmo";
    static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");

    private final ObjectStore store;

    StagedRuns(ObjectStore store) {
        this.store = store;
    }

    /** Stages a file of the partner, every record accepted, and returns the integrator's request for it. */
    IntegrateRequest stage(Loader loader, Mode mode, LocalDate date, int correction, List<StagedRecord> records) {
        return stage(loader, mode, date, correction, records, newContent());
    }

    IntegrateRequest stage(Loader loader, Mode mode, LocalDate date, int correction, List<StagedRecord> records,
                           String sha256) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        String key = "inbox/" + PARTNER + "/" + loader.wireName() + "_" + date.toString().replace("-", "")
                + (correction > 0 ? "_0" + correction : "") + ".json";
        FileRef file = new FileRef(INGEST_BUCKET, key, null);
        long count = records.size();
        RunFacts facts = new RunFacts(PARTNER, loader, mode, date.toString(), correction, sha256,
                new RejectTolerance(5.0, 2), DeletionGuard.DEFAULT, null);
        RunReport report = RunReport.validated(runId, file, facts, 1_024, StepOutcome.ACCEPTED,
                new Counts(count, count, 0, 0, 0, 0, 0, 0), ErrorList.empty(), AT, AT).withTransformation(
                        StepOutcome.ACCEPTED, new Counts(count, count, 0, 0, 0, 0, 0, 0), ErrorList.empty(),
                        ErrorList.empty(), AT);
        new ReportStore(store).write(INGEST_BUCKET, report);
        StagedRows.Writer writer = new StagedRows.Writer("staged-");
        try {
            records.forEach(writer::write);
            writer.close();
            store.put(INGEST_BUCKET, StagingLayout.transformedKey(runId), writer.file(), StagedRows.CONTENT_TYPE);
        } finally {
            writer.discard();
        }
        store.put(INGEST_BUCKET, StagingLayout.validatedKey(runId), new byte[] {1}, "application/x-ndjson");
        return new IntegrateRequest(runId, "execution-" + runId, file, facts);
    }

    RunReport report(IntegrateRequest request) {
        return new ReportStore(store).read(INGEST_BUCKET, request.runId());
    }

    static String newContent() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    static Owner owner(String externalId) {
        return new Owner(externalId, "person", "Hélène", "Rousseau", null, "Rousseau Hélène", null,
                "helene.rousseau@example.fr", null,
                new Address("27 rue Edmond Rostand", null, "13006", "Marseille", "FR"));
    }

    static Property property(String externalId, String owner) {
        return new Property(externalId, owner, "T2 " + externalId,
                new Address("48 rue Paradis", null, "13006", "Marseille", "FR"), "apartment", "lmnp",
                LocalDate.of(2019, 6, 14), 18_500_000L, null, null, null, null, null, null, 18_500_000L, null);
    }

    /** A document whose content travels in the staged record, as the transformer leaves it. */
    static Document document(String externalId, String property, byte[] content) {
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Document(externalId, property, null, "invoice", externalId + ".pdf", "application/pdf",
                content.length, sha256, Base64.getEncoder().encodeToString(content), null);
    }

    static ErasureRequest erasure(String owner, String reference) {
        return new ErasureRequest(owner, reference, OffsetDateTime.parse("2026-11-23T09:00:00+01:00"));
    }
}
