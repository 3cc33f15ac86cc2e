package com.qlower.loaders.integrator;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.errors.CommittedNotReported;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.SupersededContents;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StepOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a file's staged records into the database in one transaction, documents' content first into the documents
 * bucket. If the transaction fails, the objects this attempt uploaded are removed again, so no object is left that
 * no row points at.
 */
public final class IntegrationService {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final ObjectStore store;
    private final ReportStore reports;
    private final IntegrationStore database;
    private final SupersededContents supersededContents;
    private final String documentsBucket;
    private final ErasurePurger purger;
    private final Clock clock;
    private final AuditTrail audit;

    /** Without the purge of superseded document contents: for the tests of what a file does. */
    public IntegrationService(ObjectStore store, IntegrationStore database, String documentsBucket, Clock clock,
                              AuditTrail audit) {
        this(store, database, SupersededContents.NONE, documentsBucket, clock, audit);
    }

    /**
     * @param supersededContents after each file, the document contents superseded longer ago than their retention
     *     are purged from the documents bucket
     */
    public IntegrationService(ObjectStore store, IntegrationStore database, SupersededContents supersededContents,
                              String documentsBucket, Clock clock, AuditTrail audit) {
        this.store = store;
        this.supersededContents = supersededContents;
        this.reports = new ReportStore(store);
        this.database = database;
        this.documentsBucket = documentsBucket;
        this.purger = new ErasurePurger(store, database, documentsBucket);
        this.clock = clock;
        this.audit = audit;
    }

    public IntegrateResult integrate(IntegrateRequest request) {
        String bucket = request.file().bucket();
        // the report is read to be completed (its counts so far); what the run is comes from the request
        RunReport report = reports.read(bucket, request.runId());
        if (report.stepsSoFar().integrate() == StepOutcome.REJECTED) {
            return new IntegrateResult(StepOutcome.REJECTED, 0, 0, 0, 0); // refused already: a retry says so again
        }
        Counts counts = report.counts();
        RunFacts facts = request.run();
        IngestionRun run = new IngestionRun(request.runId(), facts.partnerId(), facts.loader(), facts.mode(),
                request.file(), facts.sha256(), facts.snapshotDay(), facts.correction(), counts.received(),
                counts.accepted(), counts.rejected(), report.receivedAt(), facts.deletionGuard(), facts.profile());
        DocumentUploads uploads = new DocumentUploads(store, documentsBucket);
        IntegrationCounts integrated;
        try {
            integrated = integrateRecords(request, run, uploads);
        } catch (IntegrationStore.RetirementRefused refused) {
            return refuse(request, report, IntegrationNotes.retirementRefused(refused));
        } catch (IntegrationStore.ErasedOwnerSent erased) {
            return refuse(request, report, IntegrationNotes.erasedOwnerSent(erased));
        } catch (IntegrationStore.StaleSnapshot stale) {
            return refuse(request, report, IntegrationNotes.staleSnapshot(stale, facts.snapshotDay()));
        }
        try {
            reportCommitted(request, report, counts, integrated);
        } catch (RuntimeException e) {
            // the records are committed: this file must end as integrated, never be archived as failed. The state
            // machine retries this error; the retry finds the commit, answers with its counts and reports again.
            throw new CommittedNotReported("the records of run " + request.runId() + " are committed, but their "
                    + "report, audit events or erasure purge could not be written: " + e, e);
        }
        purgeSupersededContents();
        LOG.info("integrated: inserted={} updated={} unchanged={} retired={} erased={} documentsUploaded={}",
                integrated.inserted(), integrated.updated(), integrated.unchanged(), integrated.retired(),
                integrated.erased(), uploads.count());
        return new IntegrateResult(StepOutcome.ACCEPTED, integrated.inserted(), integrated.updated(),
                integrated.unchanged(), integrated.retired());
    }

    /** What follows the commit: the report, the audit events, the erasure's purge; each one idempotent. */
    private void reportCommitted(IntegrateRequest request, RunReport report, Counts counts,
                                 IntegrationCounts integrated) {
        String bucket = request.file().bucket();
        Counts finalCounts = counts.withIntegration(integrated.inserted(), integrated.updated(),
                integrated.unchanged(), integrated.retired(), integrated.erased());
        List<FileError> newWarnings = new ArrayList<>();
        if (integrated.retirementSkipped()) {
            newWarnings.add(IntegrationNotes.retirementSkipped());
        }
        if (integrated.sameContentAs() != null) {
            newWarnings.add(IntegrationNotes.contentAlreadyReceived(integrated.sameContentAs()));
        }
        integrated.erasures().forEach(erasure -> newWarnings.add(IntegrationNotes.erasure(erasure)));
        ErrorList warnings = report.warnings().plus(newWarnings);
        reports.write(bucket, report.withIntegration(finalCounts, warnings, clock.instant()));
        audit.record(AuditEvent.of(report, request.executionName(), AuditEvent.Action.INTEGRATED, "integrator",
                "inserted " + integrated.inserted() + ", updated " + integrated.updated() + ", unchanged "
                        + integrated.unchanged() + ", retired " + integrated.retired(), clock.instant()));
        // the trail of an erasure: the request's reference and counts, never who was erased
        integrated.erasures().stream().filter(e -> e.status() == ErasureOutcome.Status.APPLIED)
                .forEach(e -> audit.record(AuditEvent.of(report, request.executionName(),
                        AuditEvent.Action.ERASED, "integrator", "request " + e.reference() + ": owners "
                                + e.owners() + ", properties " + e.properties() + ", transactions "
                                + e.transactions() + ", documents " + e.documents() + ", document objects "
                                + e.documentObjects() + ", archived files " + e.files(), clock.instant())));
        // committed and reported: the S3 copies of what an erasure deleted go now; what a crash here leaves is
        // found pending by the retry, which answers from the commit and writes the same report
        purger.purgeFor(request.runId());
    }

    private IntegrationCounts integrateRecords(IntegrateRequest request, IngestionRun run, DocumentUploads uploads) {
        FileRef staged = new FileRef(request.file().bucket(), request.stagedKey(), null);
        // the rows go to COPY as the transformer wrote them; only documents (their content) pass through here
        try (StagedRows.Reader rows = StagedRows.read(store.open(staged), staged.key())) {
            return database.integrate(run, rows.withRecordsMapped(r -> r instanceof Document d
                    ? uploads.store(run.partnerId(), d) : r));
        } catch (TransientFailure e) {
            // the connection was lost: the commit may have happened, and its rows may point at these objects.
            // They stay; the retry finds them (same content, same key) and uploads nothing again. Unless an upload
            // failed mid-file: then the transaction was rolled back for certain, nothing points at them.
            if (uploads.failed()) {
                uploads.removeAll();
            }
            throw e;
        } catch (RuntimeException e) {
            // the transaction was rolled back: nothing points at what this attempt uploaded
            uploads.removeAll();
            throw e;
        }
    }

    /**
     * Deletes (every version of) the document contents superseded longer ago than their retention, whichever the
     * partner: each file's integration does it, so superseded contents do not outlive their retention by more than
     * the time to the next file.
     */
    private void purgeSupersededContents() {
        try {
            int purged = supersededContents.purgeDue(clock.instant().minus(SupersededContents.RETENTION),
                    key -> store.deleteAllVersions(documentsBucket, key));
            if (purged > 0) {
                LOG.info("purged {} superseded document contents", purged);
            }
        } catch (RuntimeException e) {
            // the file is integrated and reported: what is due stays due, for the next file
            LOG.warn("superseded document contents not purged: {}", e.toString());
        }
    }

    /** A file refused as a whole by the store: rolled back, rejected with the reason. */
    private IntegrateResult refuse(IntegrateRequest request, RunReport report, FileError error) {
        reports.write(request.file().bucket(), report.refusedByIntegration(error));
        audit.record(AuditEvent.of(report, request.executionName(), AuditEvent.Action.REJECTED, "integrator",
                "refused: " + error.code(), clock.instant()));
        LOG.info("integration refused: {}", error.code());
        return new IntegrateResult(StepOutcome.REJECTED, 0, 0, 0, 0);
    }
}
