package com.qlower.loaders.archiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.pages.ErrorCodesPage;
import com.qlower.loaders.pages.ReportPage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.IntegrationStore.DuplicateRecords;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.RunLedger;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.ArchiveResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every path: moves the raw file out of {@code inbox/} into {@code success/} or {@code failure/},
 * writes the final report beside it, as JSON and as a page in the partner's language, and records the run's outcome.
 * The S3 part comes first and needs no database: a database outage leaves the file archived (out of {@code inbox/})
 * with only its {@code ingestion_runs} row and audit event to write. Safe to run again for the same run: a retry or
 * a redrive after a partial archive completes the archive decided first, without a second copy.
 */
public final class ArchiveService {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);

    private final ObjectStore store;
    private final ReportStore reports;
    private final RunLedger ledger;
    private final PartnerRegistry partners;
    private final Clock clock;
    private final AuditTrail audit;

    public ArchiveService(ObjectStore store, RunLedger ledger, PartnerRegistry partners, Clock clock,
                          AuditTrail audit) {
        this.store = store;
        this.reports = new ReportStore(store);
        this.ledger = ledger;
        this.partners = partners;
        this.clock = clock;
        this.audit = audit;
    }

    public ArchiveResult archive(ArchiveRequest request) {
        String bucket = request.file().bucket();
        RunReport staged = reports.read(bucket, request.runId());
        // an earlier attempt decided where this run goes: complete that archive, never start a second one
        RunReport archived = staged.archivedKey() != null ? resumed(request, staged) : decided(request, staged);
        String fileKey = archived.archivedKey();
        try {
            store.copy(request.file(), bucket, fileKey);
        } catch (ObjectNotFound e) {
            if (!store.exists(bucket, fileKey)) {
                throw e;
            }
            LOG.info("archive already copied to {}: completing", fileKey);
        }
        // the S3 part needs nothing from the database: an outage leaves the file archived, only its records to write
        String partnerId = request.run().partnerId();
        Partner.Language language = languageOrNull(partnerId);
        reports.writeAt(bucket, ArchiveLayout.reportKeyOf(fileKey), archived);
        writePage(bucket, archived, language == null ? Partner.Language.FR : language);
        store.delete(request.file());
        ledger.recordOutcome(archived);
        audit.record(AuditEvent.of(archived, request.executionName(), AuditEvent.Action.ARCHIVED, "archiver",
                archived.outcome() + " to " + fileKey, clock.instant()));
        if (language == null) {
            // the registry was unreachable when the page was written, and answers now: the page in its language
            writePage(bucket, archived, languageOf(partnerId));
        }
        LOG.info("archived: outcome={} to={} received={} accepted={} rejected={} errors={}", archived.outcome(),
                fileKey, archived.counts().received(), archived.counts().accepted(),
                archived.counts().rejected(), archived.errors().total());
        return new ArchiveResult(fileKey, ArchiveLayout.reportKeyOf(fileKey));
    }

    /**
     * The run's final report, written to staging before anything is archived: the decision that a redrive, a retry
     * or a redelivered event completes (the validator routes a redelivered failed run straight to its archive).
     */
    private RunReport decided(ArchiveRequest request, RunReport report) {
        // the step's message, read once from the cause Step Functions carries
        String message = request.failure() == null ? null : messageOf(request.failure());
        StepFailure failure = request.failure() == null ? null : forThePartner(request.failure(), message,
                request.executionName());
        if (failure != null && report.failure() == null) {
            // the technical message is the operators': it goes to the log, never to the partner's report
            LOG.warn("step failed: error={} message={}", request.failure().error(), message);
            report = withPipelineFailure(report, request.failure(), message);
        }
        ArchiveLayout layout = new ArchiveLayout(request.outcome(), request.run().partnerId(), request.runId(),
                request.file().key());
        RunReport archived = report.archived(request.outcome(), layout.fileKey(), failure, clock.instant());
        reports.write(request.file().bucket(), archived);
        return archived;
    }

    private static RunReport resumed(ArchiveRequest request, RunReport decided) {
        if (decided.outcome() != request.outcome()) {
            LOG.warn("run already archived {} to {}: completing that archive, not {}", decided.outcome(),
                    decided.archivedKey(), request.outcome());
        } else {
            LOG.info("resuming the archive to {}", decided.archivedKey());
        }
        return decided;
    }

    private void writePage(String bucket, RunReport archived, Partner.Language language) {
        store.put(bucket, ArchiveLayout.htmlReportKeyOf(archived.archivedKey()), ReportPage.render(archived, language)
                .getBytes(StandardCharsets.UTF_8), ReportPage.CONTENT_TYPE);
        // written each time: the catalogue a page links to is the one of the code that wrote the page
        store.put(bucket, ArchiveLayout.errorCodesKeyOf(archived.archivedKey()),
                ErrorCodesPage.page().getBytes(StandardCharsets.UTF_8), ReportPage.CONTENT_TYPE);
    }

    /** The partner's language, or null when the registry cannot be reached now. */
    private Partner.Language languageOrNull(String partnerId) {
        try {
            return languageOf(partnerId);
        } catch (TransientFailure e) {
            LOG.warn("partner registry unreachable: the page is written in French until the archive completes: {}",
                    e.getMessage());
            return null;
        }
    }

    /** The language of the partner's page: French for a key naming no registered partner. */
    private Partner.Language languageOf(String partnerId) {
        return partnerId == null ? Partner.Language.FR
                : partners.find(partnerId).map(Partner::language).orElse(Partner.Language.FR);
    }

    /**
     * What the partner's report keeps of a step's failure: the error's name and, in place of its message (which
     * may quote SQL, a host or a stack), the execution Qlower's support looks it up by. Only the integrator's last
     * guard against repeated identifiers speaks the partner's language, and keeps its message.
     */
    private static StepFailure forThePartner(StepFailure failure, String message, String executionName) {
        if (DuplicateRecords.class.getName().equals(failure.error())) {
            return new StepFailure(failure.error(), message);
        }
        return new StepFailure(failure.error(), "not shown: Qlower's support reads it in execution "
                + (executionName == null ? "(unnamed)" : executionName));
    }

    /**
     * A step failed after its retries ({@code failure} as Step Functions caught it). Nothing of the file was
     * integrated (each step commits all or nothing), so every record counts as rejected. The report says what Qlower
     * does next, not what failed inside: the same file processed again as it is may fail the same way, so no retry is
     * promised, and the file is not to be sent again meanwhile.
     */
    private static RunReport withPipelineFailure(RunReport report, StepFailure failure, String message) {
        FileError error = duplicatesIn(failure, message)
                .map(found -> FileError.ofFile(ErrorCode.DUPLICATE_EXTERNAL_ID, PartnerMessage
                        .DUPLICATE_EXTERNAL_IDS_FOUND_LATE.with("entity", found.entity(), "ids",
                                String.join(", ", found.externalIds())), null))
                .orElseGet(() -> FileError.ofFile(ErrorCode.PIPELINE_ERROR, PartnerMessage.PIPELINE_ERROR.message(),
                        null));
        return report.rejectedAsAWhole(error);
    }

    /** The integrator's refusal of repeated ids, as its message says them; empty for any other failure. */
    private static Optional<DuplicateRecords> duplicatesIn(StepFailure failure, String message) {
        return DuplicateRecords.class.getName().equals(failure.error())
                ? DuplicateRecords.fromMessage(message) : Optional.empty();
    }

    private static String messageOf(StepFailure failure) {
        try {
            JsonNode cause = ContractJson.internalMapper().readTree(failure.cause());
            return cause.path("errorMessage").asText(failure.error());
        } catch (IOException | RuntimeException e) {
            return failure.error();
        }
    }
}
