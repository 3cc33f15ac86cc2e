package com.qlower.loaders.validator;

import com.qlower.loaders.contract.ContractJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.Envelope;
import com.qlower.loaders.contract.ExternalIdIndex;
import com.qlower.loaders.contract.HashingInputStream;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.contract.PartnerFileReader;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.ErrorList;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcome;
import com.qlower.loaders.steps.JsonLines;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.ValidatedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first gate: checks one partner file at once (name, size, bytes, JSON, envelope, every record, record count),
 * streaming it record by record; stages the valid records and the report; then starts the pipeline, whose first
 * choice sends a rejected file to the failure archive.
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
    private final RecordValidator validator;
    private final PartnerFileReader reader;
    private final Clock clock;
    private final long maxFileBytes;
    private final double rejectTolerancePercent;

    public ValidationService(ObjectStore store, PipelineStarter pipeline, RecordValidator validator, Clock clock,
                             long maxFileBytes, double rejectTolerancePercent) {
        this.store = store;
        this.reports = new ReportStore(store);
        this.pipeline = pipeline;
        this.validator = validator;
        this.reader = new PartnerFileReader(validator);
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
        this.rejectTolerancePercent = rejectTolerancePercent;
    }

    public Verdict validate(IncomingFile file) {
        String runId = file.runId();
        if (store.exists(file.bucket(), StagingLayout.reportKey(runId))) {
            return redelivered(file, reports.read(file.bucket(), runId));
        }
        Instant receivedAt = clock.instant();
        var tally = new Object() {
            long received;
            long rejected;
        };
        List<FileError> fileErrors = new ArrayList<>();
        ErrorList.Collector recordErrors = new ErrorList.Collector();
        ExternalIdIndex externalIds = new ExternalIdIndex();
        PartnerFileName name = null;
        Envelope envelope = null;
        String sha256 = null;
        JsonLines.Writer validated = new JsonLines.Writer(ContractJson.internalMapper(), "validated-");
        try {
            try {
                name = PartnerFileName.parse(file.key());
                if (file.sizeBytes() > maxFileBytes) {
                    throw new ContractViolation(FileError.ofFile(ErrorCode.FILE_TOO_LARGE, "the file is "
                            + file.sizeBytes() + " bytes, above the limit of " + maxFileBytes,
                            Long.toString(file.sizeBytes())));
                }
                PartnerFileName parsedName = name;
                try (HashingInputStream in = new HashingInputStream(store.open(file.ref()))) {
                    envelope = reader.read(in, parsedName, (index, record) -> {
                        tally.received++;
                        List<FileError> errors = validator.validateRecord(parsedName.loader(), index, record);
                        if (errors.isEmpty()) {
                            errors = duplicateOf(externalIds, parsedName, index, record);
                        }
                        if (errors.isEmpty()) {
                            validated.write(new ValidatedRecord(index, record));
                        } else {
                            tally.rejected++;
                            recordErrors.addAll(errors);
                        }
                    });
                    in.drain();
                    sha256 = in.sha256Hex();
                }
            } catch (ContractViolation violation) {
                fileErrors.addAll(violation.errors());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.key(), e);
            }
            validated.close();

            if (fileErrors.isEmpty() && exceedsTolerance(tally.received, tally.rejected)) {
                fileErrors.add(FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS, tally.rejected + " of "
                        + tally.received + " records are rejected, above the tolerance of " + rejectTolerancePercent
                        + " %: nothing from this file is integrated", null));
            }
            boolean accepted = fileErrors.isEmpty();
            // a file rejected as a whole integrates nothing: all its records count as rejected
            Counts counts = accepted ? Counts.ofValidation(tally.received, tally.rejected)
                    : Counts.ofValidation(tally.received, tally.received);
            // the errors that reject the file first: they are what the partner must fix first
            ErrorList errors = ErrorList.of(fileErrors).plus(recordErrors.toList());

            if (accepted) {
                validated.uploadTo(store, file.bucket(), StagingLayout.validatedKey(runId));
            }
            String partnerId = name != null ? name.partnerId()
                    : PartnerFileName.partnerFolderOf(file.key()).orElse(null);
            RunReport report = new RunReport(RunReport.VERSION, runId, file.ref(), partnerId,
                    name == null ? null : name.loader().wireName(),
                    envelope == null ? null : envelope.mode().wireName(),
                    name == null ? null : name.snapshotDate(), sha256, file.sizeBytes(), FileOutcome.IN_PROGRESS,
                    rejectTolerancePercent, counts, errors, ErrorList.empty(), receivedAt, clock.instant(), null,
                    null, null, null, null);
            reports.write(file.bucket(), report);

            StepOutcome outcome = accepted ? StepOutcome.ACCEPTED : StepOutcome.REJECTED;
            PipelineInput input = new PipelineInput(runId, file.ref(), partnerId, report.loader(),
                    new PipelineInput.Validation(outcome, counts.received(), counts.rejected()));
            StartOutcome start = pipeline.start(file.executionName(), input);
            LOG.info("validated run={} key={} outcome={} received={} rejected={} errors={} execution={}", runId,
                    file.key(), outcome, counts.received(), counts.rejected(), errors.total(), start);
            return new Verdict(runId, file.executionName(), outcome, counts, start);
        } finally {
            validated.discard();
        }
    }

    /**
     * The same event delivered again (S3 delivers at least once), or a retry after a crash between staging the
     * report and starting the execution: the file is not validated again and the staged report is not rewritten
     * under a running execution. The start is idempotent: it starts the execution only if none was.
     */
    private Verdict redelivered(IncomingFile file, RunReport earlier) {
        StepOutcome outcome = earlier.hasFileErrors() ? StepOutcome.REJECTED : StepOutcome.ACCEPTED;
        PipelineInput input = new PipelineInput(earlier.runId(), earlier.file(), earlier.partnerId(),
                earlier.loader(), new PipelineInput.Validation(outcome, earlier.counts().received(),
                earlier.counts().rejected()));
        StartOutcome start = pipeline.start(file.executionName(), input);
        LOG.info("redelivered run={} key={} execution={}", earlier.runId(), file.key(), start);
        return new Verdict(earlier.runId(), file.executionName(), outcome, earlier.counts(), start);
    }

    /** The second record of a file with the same type and external id is rejected: it names the first. */
    private static List<FileError> duplicateOf(ExternalIdIndex externalIds, PartnerFileName name, long index,
                                               JsonNode record) {
        JsonNode externalId = record.get("external_id");
        if (externalId == null) {
            return List.of(); // erasure requests have none
        }
        long first = externalIds.firstIndexOrAdd(RecordValidator.recordTypeOf(name.loader(), record),
                externalId.asText(), index);
        if (first < 0) {
            return List.of();
        }
        return List.of(FileError.ofRecord(ErrorCode.DUPLICATE_EXTERNAL_ID, "external_id " + externalId.asText()
                + " already appears at record " + first + ": each record may appear once per file", index,
                "/external_id", externalId.asText()));
    }

    private boolean exceedsTolerance(long received, long rejected) {
        return received > 0 && rejected * 100.0 / received > rejectTolerancePercent;
    }
}
