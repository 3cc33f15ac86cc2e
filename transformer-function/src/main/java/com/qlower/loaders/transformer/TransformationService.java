package com.qlower.loaders.transformer;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.RejectPolicy;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.ReferenceData;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.JsonLines;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.steps.ValidatedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the records the validator accepted to the internal model, applies the business rules, and stages the result
 * for the integrator. Records it rejects join those the validator rejected; if together they exceed the partner's
 * tolerance, the whole file is rejected and nothing is staged.
 */
public final class TransformationService {

    private static final Logger LOG = LoggerFactory.getLogger(TransformationService.class);

    /** Lookups a file makes of what its partner sent before; a file refers to a few thousand at most. */
    static final int MAX_CACHED_LOOKUPS = 200_000;
    /**
     * A partner's owners or properties listed in one query rather than looked up one by one, up to this many: a
     * large transactions file refers to each of a few thousand properties hundreds of times.
     */
    static final int MAX_LISTED_REFERENCES = 50_000;

    private final ObjectStore store;
    private final ReportStore reports;
    private final ReferenceData referenceData;
    private final UpstreamWait upstreamWait;
    private final Clock clock;
    private final AuditTrail audit;

    public TransformationService(ObjectStore store, ReferenceData referenceData, UpstreamWait upstreamWait,
                                 Clock clock, AuditTrail audit) {
        this.store = store;
        this.reports = new ReportStore(store);
        this.referenceData = referenceData;
        this.upstreamWait = upstreamWait;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Transforms the run's validated records, once: a retried or redriven Transform finds the report already
     * completed and answers as the first attempt did, without adding its errors and warnings a second time.
     */
    public TransformResult transform(TransformRequest request) {
        String bucket = request.file().bucket();
        RunFacts run = request.run();
        // the report is read to be completed (its counts and errors so far); what to do comes from the request
        RunReport report = reports.read(bucket, request.runId());
        StepOutcome decided = report.stepsSoFar().transform();
        if (decided != null) {
            return alreadyTransformed(decided, report);
        }
        Loader loader = run.loader();
        if (loader == null) {
            throw new IllegalStateException("run " + request.runId() + " has no loader: it should not have been "
                    + "accepted");
        }
        ErrorList.Collector errors = new ErrorList.Collector();
        ErrorList.Collector warnings = new ErrorList.Collector();
        FileRef validated = new FileRef(bucket, StagingLayout.validatedKey(request.runId()), null);
        // only a caracteristiques file sends owners
        FileOwners ownersInFile = loader == Loader.CARACTERISTIQUES ? ownersIn(validated) : new FileOwners();
        LocalDate snapshotDate = run.snapshotDay();
        RecordMapper mapper = new RecordMapper(snapshotDate, run.mode(),
                references(run.partnerId(), ownersInFile.sent()));
        // asked before the lookups: a file processed after them would be missed by both, and not waited for
        List<Loader> notProcessed = loader.refersTo().stream()
                .filter(l -> !referenceData.hasProcessed(run.partnerId(), l, snapshotDate))
                .toList();
        StagedRows.Writer transformed = new StagedRows.Writer("transformed-");
        boolean[] unknownReferences = {false};
        long[] rejectedWhateverArrives = {0}; // records rejected for a reason other than an unknown reference
        try {
            try (Stream<ValidatedRecord> records = JsonLines.read(store, validated, ContractJson.internalMapper(),
                    ValidatedRecord.class)) {
                records.forEach(record -> {
                    RecordMapper.Mapped mapped = ownersInFile.refuseErasingWhatIsSent(
                            mapper.map(loader, record.index(), record.record()), record.index());
                    warnings.addAll(mapped.warnings());
                    if (mapped.errors().isEmpty()) {
                        transformed.write(mapped.record());
                    } else {
                        errors.addAll(mapped.errors());
                        unknownReferences[0] |= mapped.errors().stream().anyMatch(e -> e.code().isUnknownReference());
                        if (!mapped.errors().stream().allMatch(e -> e.code().isUnknownReference())) {
                            rejectedWhateverArrives[0]++;
                        }
                    }
                });
            }
            transformed.close();
            // waiting is worth it only if the file could still pass: if the records rejected whatever arrives are
            // already beyond the tolerance, the file is rejected now rather than after hours of waiting
            boolean couldStillPass = RejectPolicy.check(report.counts().received(),
                    report.counts().rejected() + rejectedWhateverArrives[0], run.rejectTolerance()).isEmpty();
            if (unknownReferences[0] && !notProcessed.isEmpty() && couldStillPass) {
                Duration waited = Duration.between(report.receivedAt(), clock.instant());
                Duration left = upstreamWait.maxWait().minus(waited);
                if (left.isPositive()) {
                    // nothing is written: the next attempt transforms the file afresh, with what is there by then
                    long seconds = Math.max(1, Math.min(upstreamWait.interval().toSeconds(), left.toSeconds() + 1));
                    LOG.info("transform waits {} s for the {} file of {}", seconds, notProcessed, snapshotDate);
                    return TransformResult.waiting(seconds);
                }
                warnings.add(upstreamNotReceived(notProcessed, snapshotDate, waited));
            }

            long rejectedHere = report.counts().accepted() - transformed.count();
            Counts counts = report.counts().withRejected(report.counts().rejected() + rejectedHere);
            if (counts.accepted() != transformed.count() || !counts.addsUp()) {
                throw new IllegalStateException("run " + request.runId() + " lost records: " + counts + " but "
                        + transformed.count() + " transformed");
            }
            RejectPolicy.Judgement judged = RejectPolicy.judge(counts, report.errors().plus(errors.toList()),
                    run.rejectTolerance());
            StepOutcome outcome = judged.rejectedAsAWhole() ? StepOutcome.REJECTED : StepOutcome.ACCEPTED;
            counts = judged.counts();
            ErrorList allErrors = judged.errors();
            String stagedKey = null;
            if (outcome == StepOutcome.ACCEPTED) {
                stagedKey = StagingLayout.transformedKey(request.runId());
                store.put(bucket, stagedKey, transformed.file(), StagedRows.CONTENT_TYPE);
            }
            // the staged records before the report: a report that says transformed always has its records
            reports.write(bucket, report.withTransformation(outcome, counts, allErrors,
                    report.warnings().plus(warnings.toList()), clock.instant()));
            audit.record(AuditEvent.of(report, request.executionName(), outcome == StepOutcome.ACCEPTED
                    ? AuditEvent.Action.TRANSFORMED : AuditEvent.Action.REJECTED, "transformer", "accepted "
                    + counts.accepted() + ", rejected " + counts.rejected(), clock.instant()));
            LOG.info("transformed: outcome={} accepted={} rejected={} warnings={}", outcome, counts.accepted(),
                    counts.rejected(), warnings.total());
            return new TransformResult(outcome, stagedKey, counts.accepted(), counts.rejected());
        } finally {
            transformed.discard();
        }
    }

    private static FileError upstreamNotReceived(List<Loader> loaders, LocalDate date, Duration waited) {
        String names = loaders.stream().map(Loader::wireName).collect(java.util.stream.Collectors.joining(", "));
        String time = UpstreamWait.describe(waited);
        return FileError.ofFile(ErrorCode.UPSTREAM_FILE_NOT_RECEIVED,
                PartnerMessage.UPSTREAM_FILE_NOT_RECEIVED.with("loaders", names, "date", date, "waited", time), names);
    }

    private FileOwners ownersIn(FileRef validated) {
        FileOwners owners = new FileOwners();
        try (Stream<ValidatedRecord> records = JsonLines.read(store, validated, ContractJson.internalMapper(),
                ValidatedRecord.class)) {
            records.forEach(r -> owners.learnFrom(r.record()));
        }
        return owners;
    }

    /** Lookups of the partner's stored records, each asked once per file. */
    private RecordMapper.References references(String partnerId, Set<String> ownersInFile) {
        Map<String, Boolean> known = new HashMap<>();
        java.util.function.BiFunction<String, java.util.function.Supplier<Boolean>, Boolean> cached =
                (key, lookup) -> {
                    if (known.size() >= MAX_CACHED_LOOKUPS) {
                        known.clear();
                    }
                    return known.computeIfAbsent(key, k -> lookup.get());
                };
        java.util.function.BiPredicate<ReferenceData.Entity, String> exists = (entity, id) ->
                cached.apply(entity + "/" + id, () -> referenceData.exists(partnerId, entity, id));
        java.util.function.Predicate<String> erased = id ->
                cached.apply("erased/" + id, () -> referenceData.erased(partnerId, id));
        // listed when first needed: a transactions file never asks for owners
        Map<ReferenceData.Entity, java.util.Optional<Set<String>>> listed = new java.util.EnumMap<>(
                ReferenceData.Entity.class);
        java.util.function.BiPredicate<ReferenceData.Entity, String> active = (entity, id) -> listed
                .computeIfAbsent(entity, e -> referenceData.allActive(partnerId, e, MAX_LISTED_REFERENCES))
                .map(ids -> ids.contains(id))
                .orElseGet(() -> exists.test(entity, id));
        return new RecordMapper.References() {
            @Override
            public boolean ownerExists(String externalId) {
                return ownersInFile.contains(externalId) || active.test(ReferenceData.Entity.OWNER, externalId);
            }

            @Override
            public boolean propertyExists(String externalId) {
                return active.test(ReferenceData.Entity.PROPERTY, externalId);
            }

            @Override
            public boolean transactionExists(String externalId) {
                return exists.test(ReferenceData.Entity.TRANSACTION, externalId);
            }

            @Override
            public boolean ownerErased(String externalId) {
                return erased.test(externalId);
            }
        };
    }

    /** A retried or redriven Transform: the decision the report recorded, and the counts of that decision. */
    private static TransformResult alreadyTransformed(StepOutcome decided, RunReport report) {
        LOG.info("transform already done: answering as before");
        return new TransformResult(decided, decided == StepOutcome.ACCEPTED
                ? StagingLayout.transformedKey(report.runId()) : null, report.counts().accepted(),
                report.counts().rejected());
    }
}
