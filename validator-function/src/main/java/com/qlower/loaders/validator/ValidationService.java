package com.qlower.loaders.validator;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.MappingProfiles;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.JsonLines;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.ValidatedRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first gate: checks one partner file at once ({@link PartnerFileCheck}), streaming it record by record;
 * stages the valid records and the report; then starts the pipeline, whose first choice sends a rejected file to
 * the failure archive.
 */
public final class ValidationService {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationService.class);

    /** What the validator decided about one file, and whether its execution started now or had already. */
    public record Verdict(String runId, String executionName, StepOutcome outcome, Counts counts,
                          StartOutcome start) {
    }

    private final ObjectStore store;
    private final ReportStore reports;
    private final PipelineStarter pipeline;
    private final PartnerFileCheck check;
    private final PartnerRegistry partners;
    private final MappingProfiles profiles;
    private final DeliveryLog deliveries;
    private final AuditTrail audit;
    private final Clock clock;

    public ValidationService(ObjectStore store, PipelineStarter pipeline, PartnerFileCheck check,
                             PartnerRegistry partners, DeliveryLog deliveries, Clock clock, AuditTrail audit) {
        this(store, pipeline, check, partners, MappingProfiles.none(), deliveries, clock, audit);
    }

    /** @param profiles the partners' mapping profiles: each file is read through its partner's current one */
    public ValidationService(ObjectStore store, PipelineStarter pipeline, PartnerFileCheck check,
                             PartnerRegistry partners, MappingProfiles profiles, DeliveryLog deliveries, Clock clock,
                             AuditTrail audit) {
        this.profiles = profiles;
        this.store = store;
        this.reports = new ReportStore(store);
        this.pipeline = pipeline;
        this.check = check;
        this.partners = partners;
        this.deliveries = deliveries;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * A file's admission: the partner's guards and mapping profile (null: none), or why the file goes no further.
     */
    private record Admission(RejectTolerance tolerance, DeletionGuard deletionGuard,
                             PartnerFileCheck.Result refusal, MappingProfiles.StoredProfile profile) {

        Admission(RejectTolerance tolerance, DeletionGuard deletionGuard, PartnerFileCheck.Result refusal) {
            this(tolerance, deletionGuard, refusal, null);
        }
    }

    /**
     * Looks the key's partner up in the registry: a file of a partner not registered, or for a loader it may not
     * send, is refused before it is read. A key that names no partner is left to the check, which says what is
     * wrong with it.
     */
    private Admission admit(String key) {
        PartnerFileName name = parsedOrNull(key);
        if (name == null) {
            return new Admission(check.rejectTolerance(), DeletionGuard.DEFAULT, null);
        }
        Optional<Partner> partner = partners.find(name.partnerId());
        if (partner.isEmpty()) {
            return new Admission(check.rejectTolerance(), DeletionGuard.DEFAULT, PartnerFileCheck.Result.refused(name,
                    FileError.ofFile(ErrorCode.PARTNER_UNKNOWN,
                            PartnerMessage.PARTNER_UNKNOWN.with("partner", name.partnerId()), name.partnerId())));
        }
        if (!partner.get().allows(name.loader())) {
            return new Admission(partner.get().rejectTolerance(), partner.get().deletionGuard(),
                    PartnerFileCheck.Result.refused(name,
                    FileError.ofFile(ErrorCode.LOADER_NOT_ALLOWED, PartnerMessage.LOADER_NOT_ALLOWED.with(
                            "partner", name.partnerId(), "loader", name.loader().wireName()),
                            name.loader().wireName())));
        }
        return new Admission(partner.get().rejectTolerance(), partner.get().deletionGuard(), null,
                profiles.current(name.partnerId()).orElse(null));
    }

    public Verdict validate(IncomingFile file) {
        String runId = file.runId();
        if (store.exists(file.bucket(), StagingLayout.reportKey(runId))) {
            return redelivered(file, reports.read(file.bucket(), runId));
        }
        Instant receivedAt = clock.instant();
        audit(AuditEvent.Action.RECEIVED, file, null, file.sizeBytes() + " bytes");
        JsonLines.Writer validated = new JsonLines.Writer(ContractJson.internalMapper(), "validated-");
        try {
            Admission admission = admit(file.key());
            PartnerFileCheck.Result result = admission.refusal() != null ? admission.refusal()
                    : check.check(file.key(), file.sizeBytes(), () -> store.open(file.ref()),
                            (index, record) -> validated.write(new ValidatedRecord(index, record)),
                            admission.tolerance(),
                            admission.profile() == null ? null : admission.profile().profile());
            validated.close();
            if (result.accepted()) {
                JsonLines.Writer staged = result.retracted().isEmpty() ? validated
                        : withoutRetracted(validated, result.retracted());
                try {
                    staged.uploadTo(store, file.bucket(), StagingLayout.validatedKey(runId));
                } finally {
                    staged.discard();
                }
            }
            PartnerFileName name = result.name();
            String partnerId = name != null ? name.partnerId()
                    : PartnerFileName.partnerFolderOf(file.key()).orElse(null);
            Counts counts = result.counts();
            ErrorList errors = result.errors();
            StepOutcome outcome = result.accepted() ? StepOutcome.ACCEPTED : StepOutcome.REJECTED;
            // the key and the envelope are read here once: every later step has them in its request
            RunFacts facts = RunFacts.of(name, partnerId, result.envelope() == null ? null
                    : result.envelope().mode(), result.sha256(), admission.tolerance(), admission.deletionGuard(),
                    admission.profile() == null ? null : admission.profile().ref());
            reports.write(file.bucket(), RunReport.validated(runId, file.ref(), facts, file.sizeBytes(), outcome,
                    counts, errors, receivedAt, clock.instant()));
            audit(outcome == StepOutcome.ACCEPTED ? AuditEvent.Action.VALIDATED : AuditEvent.Action.REJECTED, file,
                    result.sha256(), "received " + counts.received() + ", rejected " + counts.rejected()
                            + (errors.isEmpty() ? "" : ", first error " + errors.first().get(0).code()));

            PipelineInput input = new PipelineInput(runId, file.ref(), facts,
                    new PipelineInput.Validation(outcome, counts.received(), counts.rejected()));
            StartOutcome start = startAndRecord(file, input);
            LOG.info("validated: outcome={} received={} rejected={} errors={} execution {}", outcome,
                    counts.received(), counts.rejected(), errors.total(), start);
            return new Verdict(runId, file.executionName(), outcome, counts, start);
        } finally {
            validated.discard();
        }
    }

    /** Starts the execution (once per name) and records this delivery as the one that started it, or as ignored. */
    private StartOutcome startAndRecord(IncomingFile file, PipelineInput input) {
        StartOutcome start = pipeline.start(file.executionName(), input);
        deliveries.record(new DeliveryLog.Delivery(file.runId(), file.ref(), file.executionName(),
                start == StartOutcome.STARTED ? DeliveryLog.Outcome.STARTED : DeliveryLog.Outcome.DUPLICATE_IGNORED,
                clock.instant()));
        if (start == StartOutcome.ALREADY_STARTED) {
            audit(AuditEvent.Action.DUPLICATE_IGNORED, file, null, "the same S3 notification again: nothing done");
        }
        return start;
    }

    /** An interaction with the file, for its audit trail: what was done, never what the file holds. */
    private void audit(AuditEvent.Action action, IncomingFile file, String sha256, String detail) {
        audit.record(new AuditEvent(file.runId(), action, "validator",
                PartnerFileName.partnerFolderOf(file.key()).orElse(null), file.key(), file.versionId(), sha256,
                file.executionName(), detail, clock.instant()));
    }

    /** The staged records less those found, at the end of the file, to repeat an earlier record's id. */
    private static JsonLines.Writer withoutRetracted(JsonLines.Writer validated, java.util.Set<Long> retracted) {
        JsonLines.Writer kept = new JsonLines.Writer(ContractJson.internalMapper(), "validated-");
        try (var records = JsonLines.readFile(validated.file(), ContractJson.internalMapper(),
                ValidatedRecord.class)) {
            records.filter(r -> !retracted.contains(r.index())).forEach(kept::write);
        }
        kept.close();
        return kept;
    }

    /**
     * The same event delivered again (S3 delivers at least once), or a retry after a crash between staging the
     * report and starting the execution: the file is not validated again and the staged report is not rewritten
     * under a running execution. The start is idempotent: it starts the execution only if none was.
     */
    private Verdict redelivered(IncomingFile file, RunReport earlier) {
        StepOutcome outcome = earlier.stepsSoFar().validate();
        if (outcome == null) {
            // staged by a version that did not record its verdict: a file-level error was a rejection then
            outcome = earlier.hasFileErrors() ? StepOutcome.REJECTED : StepOutcome.ACCEPTED;
        }
        RunFacts facts = RunFacts.of(parsedOrNull(file.key()), earlier.partnerId(), earlier.mode(), earlier.sha256(),
                earlier.rejectTolerance(), earlier.deletionGuardOrDefault(), earlier.profile());
        PipelineInput input = new PipelineInput(earlier.runId(), earlier.file(), facts,
                new PipelineInput.Validation(outcome, earlier.counts().received(), earlier.counts().rejected()));
        StartOutcome start = startAndRecord(file, input);
        LOG.info("redelivered: already validated, execution {}", start);
        return new Verdict(earlier.runId(), file.executionName(), outcome, earlier.counts(), start);
    }

    private static PartnerFileName parsedOrNull(String key) {
        try {
            return PartnerFileName.parse(key);
        } catch (ContractViolation badKey) {
            return null;
        }
    }
}
