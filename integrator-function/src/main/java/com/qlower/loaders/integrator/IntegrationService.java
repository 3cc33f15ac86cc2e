package com.qlower.loaders.integrator;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.errors.CommittedNotReported;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.SupersededContents;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.ErrorList;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.Message;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.JsonLines;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
        RunReport report = reports.read(bucket, request.runId());
        if (report.errors().first().stream().anyMatch(e -> e.code() == ErrorCode.SNAPSHOT_RETIREMENT_REFUSED
                || e.code() == ErrorCode.SNAPSHOT_STALE || e.code() == ErrorCode.OWNER_ERASED_MEANWHILE)) {
            return new IntegrateResult(StepOutcome.REJECTED, 0, 0, 0, 0); // refused already: a retry says so again
        }
        Counts counts = report.counts();
        IngestionRun run = new IngestionRun(request.runId(), report.partnerId(),
                Loader.fromWireName(report.loader()).orElseThrow(), Mode.fromWireName(report.mode()), report.file(),
                report.sha256(), report.snapshotDate(), PartnerFileName.parse(report.file().key()).correction(),
                counts.received(), counts.accepted(), counts.rejected(), report.receivedAt(),
                report.deletionGuardOrDefault(), report.profile());
        List<FileRef> uploadedNow = new ArrayList<>();
        IntegrationCounts integrated;
        try {
            integrated = integrateRecords(request, run, uploadedNow);
        } catch (IntegrationStore.RetirementRefused refused) {
            return refuse(request, report, retirementRefused(refused));
        } catch (IntegrationStore.ErasedOwnerSent erased) {
            return refuse(request, report, FileError.ofFile(ErrorCode.OWNER_ERASED_MEANWHILE, Message.of(
                    erased.records() + " enregistrement(s) de ce fichier concernent un propriétaire dont vous avez "
                            + "demandé l'effacement, appliqué pendant le traitement de ce fichier : rien n'est "
                            + "appliqué. Renvoyez-le sans cette personne",
                    erased.records() + " record(s) of this file belong to an owner whose erasure you asked for, "
                            + "applied while this file was processed: nothing is applied. Send it again without "
                            + "this person"), Long.toString(erased.records())));
        } catch (IntegrationStore.StaleSnapshot stale) {
            String last = stale.lastDate() + (stale.lastCorrection() > 0 ? " (_" + stale.lastCorrection() + ")" : "");
            return refuse(request, report, FileError.ofFile(ErrorCode.SNAPSHOT_STALE, Message.of(
                    "l'instantané du " + last + " est déjà appliqué : celui-ci, plus ancien, ne l'est pas",
                    "the snapshot of " + last + " is already applied: this older one is not"),
                    report.snapshotDate() == null ? null : report.snapshotDate().toString()));
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
                integrated.erased(), uploadedNow.size());
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
            newWarnings.add(FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_SKIPPED, Message.of(
                    "instantané avec des enregistrements rejetés : aucun enregistrement absent n'est retiré",
                    "a snapshot with rejected records: no absent record is retired"), null));
        }
        if (integrated.sameContentAs() != null) {
            newWarnings.add(FileError.ofFile(ErrorCode.CONTENT_ALREADY_RECEIVED, Message.of(
                    "même contenu que " + integrated.sameContentAs() + ", déjà reçu : appliqué à nouveau, les "
                            + "compteurs disent ce qui a changé depuis",
                    "the same content as " + integrated.sameContentAs() + ", already received: applied again, the "
                            + "counts say what changed since"),
                    integrated.sameContentAs()));
        }
        integrated.erasures().forEach(erasure -> newWarnings.add(erasureNote(erasure)));
        ErrorList warnings = report.warnings().plus(newWarnings);
        reports.write(bucket, report.withIntegration(finalCounts, clock.instant()).withWarnings(warnings));
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

    private IntegrationCounts integrateRecords(IntegrateRequest request, IngestionRun run,
                                               List<FileRef> uploadedNow) {
        String bucket = request.file().bucket();
        boolean[] uploadFailed = {false};
        IntegrationCounts integrated;
        try (Stream<StagedRecord> records = JsonLines.read(store, new FileRef(bucket, request.stagedKey(), null),
                ContractJson.internalMapper(), StagedRecord.class)) {
            integrated = database.integrate(run, records.map(r -> r instanceof Document d
                    ? storeContent(run.partnerId(), d, uploadedNow, uploadFailed) : r));
        } catch (TransientFailure e) {
            if (!uploadFailed[0]) {
                // the connection was lost: the commit may have happened, and its rows may point at these objects.
                // They stay; the retry finds them (same content, same key) and uploads nothing again.
                throw e;
            }
            // an upload failed mid-file: the transaction was rolled back for certain, nothing points at them
            uploadedNow.forEach(store::delete);
            throw e;
        } catch (RuntimeException e) {
            // the transaction was rolled back: nothing points at what this attempt uploaded
            uploadedNow.forEach(store::delete);
            throw e;
        }
        return integrated;
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

    /** What an erasure request did, for the partner: counts only, and the request's reference. */
    private static FileError erasureNote(ErasureOutcome erasure) {
        return switch (erasure.status()) {
            case APPLIED -> FileError.ofFile(ErrorCode.ERASURE_APPLIED, Message.of(
                    "demande " + erasure.reference() + " : propriétaire effacé avec " + erasure.properties()
                            + " bien(s), " + erasure.transactions() + " transaction(s), " + erasure.documents()
                            + " document(s) ; " + erasure.files() + " fichier(s) archivé(s) purgé(s)",
                    "request " + erasure.reference() + ": owner erased with " + erasure.properties()
                            + " propert(ies), " + erasure.transactions() + " transaction(s), " + erasure.documents()
                            + " document(s); " + erasure.files() + " archived file(s) purged"),
                    erasure.reference());
            case ALREADY_DONE -> FileError.ofFile(ErrorCode.ERASURE_ALREADY_DONE, Message.of(
                    "demande " + erasure.reference() + " : ce propriétaire a déjà été effacé le "
                            + erasure.erasedOn() + ", il ne reste rien à effacer",
                    "request " + erasure.reference() + ": this owner was already erased on " + erasure.erasedOn()
                            + "; nothing is left to erase"), erasure.reference());
            case OWNER_UNKNOWN -> FileError.ofFile(ErrorCode.ERASURE_OWNER_UNKNOWN, Message.of(
                    "demande " + erasure.reference() + " : aucune donnée de ce propriétaire n'a été reçue, "
                            + "rien n'est effacé",
                    "request " + erasure.reference() + ": no data of this owner was ever received; nothing is "
                            + "erased"), erasure.reference());
        };
    }

    private static FileError retirementRefused(IntegrationStore.RetirementRefused refused) {
        String percent = java.util.Objects.toString(refused.guard().percent());
        long floor = refused.guard().records();
        boolean everything = refused.wouldRetire() >= refused.active();
        String whyFr = everything ? "tous les " + refused.active() + " " + refused.entity() + " actifs"
                : refused.wouldRetire() + " des " + refused.active() + " " + refused.entity() + " actifs, au-delà de la "
                        + "garde de " + percent + " % et de " + floor + " enregistrement(s)";
        String whyEn = everything ? "all " + refused.active() + " active " + refused.entity()
                : refused.wouldRetire() + " of the " + refused.active() + " active " + refused.entity()
                        + ", beyond the guard of " + percent + " % and " + floor + " record(s)";
        return FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED, Message.of(
                "cet instantané retirerait " + whyFr + " : rien n'est appliqué. Envoyez l'instantané complet, ou "
                        + "demandez à Qlower d'autoriser ce retrait",
                "this snapshot would retire " + whyEn + ": nothing is applied. Send the complete snapshot, or ask "
                        + "Qlower to authorize this retirement"), Long.toString(refused.wouldRetire()));
    }

    /** A file refused as a whole by the store: rolled back, rejected with the reason. */
    private IntegrateResult refuse(IntegrateRequest request, RunReport report, FileError error) {
        reports.write(request.file().bucket(), report.rejectedAsAWhole(error));
        audit.record(AuditEvent.of(report, request.executionName(), AuditEvent.Action.REJECTED, "integrator",
                "refused: " + error.code(), clock.instant()));
        LOG.info("integration refused: {}", error.code());
        return new IntegrateResult(StepOutcome.REJECTED, 0, 0, 0, 0);
    }

    /**
     * Puts a document's content in the documents bucket under a key that names no person: the partner and the
     * content's hash. The same content is stored once.
     */
    private Document storeContent(String partnerId, Document document, List<FileRef> uploadedNow,
                                  boolean[] uploadFailed) {
        String key = partnerId + "/" + document.sha256();
        try {
            if (!store.exists(documentsBucket, key)) {
                // the exact version is kept: in a versioned bucket, removing it on failure leaves no old version
                uploadedNow.add(store.put(documentsBucket, key, Document.decodeBase64(document.contentBase64()),
                        document.contentType()));
            }
        } catch (RuntimeException e) {
            uploadFailed[0] = true;
            throw e;
        }
        return document.stored(key);
    }
}
