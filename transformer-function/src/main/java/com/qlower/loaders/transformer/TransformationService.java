package com.qlower.loaders.transformer;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.ErrorList;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.JsonLines;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;
import com.qlower.loaders.steps.ValidatedRecord;
import java.time.Clock;
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

    private final ObjectStore store;
    private final ReportStore reports;
    private final RecordMapper mapper = new RecordMapper();
    private final Clock clock;

    public TransformationService(ObjectStore store, Clock clock) {
        this.store = store;
        this.reports = new ReportStore(store);
        this.clock = clock;
    }

    public TransformResult transform(TransformRequest request) {
        String bucket = request.file().bucket();
        RunReport report = reports.read(bucket, request.runId());
        Loader loader = Loader.fromWireName(report.loader()).orElseThrow(() -> new IllegalStateException(
                "run " + request.runId() + " has no loader: it should not have been accepted"));
        ErrorList.Collector errors = new ErrorList.Collector();
        ErrorList.Collector warnings = new ErrorList.Collector();
        FileRef validated = new FileRef(bucket, StagingLayout.validatedKey(request.runId()), null);
        JsonLines.Writer transformed = new JsonLines.Writer(ContractJson.internalMapper(), "transformed-");
        try {
            try (Stream<ValidatedRecord> records = JsonLines.read(store, validated, ContractJson.internalMapper(),
                    ValidatedRecord.class)) {
                records.forEach(record -> {
                    RecordMapper.Mapped mapped = mapper.map(loader, record.index(), record.record());
                    warnings.addAll(mapped.warnings());
                    if (mapped.errors().isEmpty()) {
                        transformed.write(mapped.record());
                    } else {
                        errors.addAll(mapped.errors());
                    }
                });
            }
            transformed.close();

            long rejectedHere = report.counts().accepted() - transformed.count();
            Counts counts = report.counts().withRejected(report.counts().rejected() + rejectedHere);
            if (counts.accepted() != transformed.count() || !counts.addsUp()) {
                throw new IllegalStateException("run " + request.runId() + " lost records: " + counts + " but "
                        + transformed.count() + " transformed");
            }
            ErrorList allErrors = report.errors().plus(errors.toList());
            StepOutcome outcome = StepOutcome.ACCEPTED;
            if (counts.received() > 0
                    && counts.rejected() * 100.0 / counts.received() > report.rejectTolerancePercent()) {
                outcome = StepOutcome.REJECTED;
                allErrors = ErrorList.of(java.util.List.of(FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS,
                        counts.rejected() + " of " + counts.received() + " records are rejected, above the tolerance"
                                + " of " + report.rejectTolerancePercent() + " %: nothing from this file is integrated",
                        null))).plus(allErrors);
                counts = counts.withRejected(counts.received());
            }
            String stagedKey = null;
            if (outcome == StepOutcome.ACCEPTED) {
                stagedKey = StagingLayout.transformedKey(request.runId());
                transformed.uploadTo(store, bucket, stagedKey);
            }
            reports.write(bucket, report.withTransformation(counts, allErrors,
                    report.warnings().plus(warnings.toList()), clock.instant()));
            LOG.info("transformed run={} outcome={} accepted={} rejected={} warnings={}", request.runId(), outcome,
                    counts.accepted(), counts.rejected(), warnings.total());
            return new TransformResult(outcome, stagedKey, counts.accepted(), counts.rejected());
        } finally {
            transformed.discard();
        }
    }
}
