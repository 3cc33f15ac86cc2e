package com.qlower.loaders.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.ProfileVersion;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StepOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The report of one file, built step by step and archived beside the file. It is what the partner reads,
 * and what notifications send: outcome, counts that add up, and every error located.
 *
 * @param partnerId null when the key named no valid partner
 * @param loader null when the key named no known loader
 * @param mode null when the file's envelope could not be read
 * @param rejectTolerancePercent the share of rejected records above which the whole file fails
 * @param rejectToleranceRecords up to this many rejected records never fail the file; null in a report staged
 *     before floors existed (the share alone then decides)
 * @param deletionGuard how much of the partner's active records a snapshot may retire; null in a report staged
 *     before it was recorded (the default then applies)
 * @param profile the partner's mapping profile the file was read with; null when it had none
 * @param steps what each step decided so far: a retried or redriven step reads its own earlier decision here
 *     (typed), never from the errors' codes; null in a report staged before it was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
        int reportVersion,
        String runId,
        FileRef file,
        String partnerId,
        Loader loader,
        Mode mode,
        LocalDate snapshotDate,
        String sha256,
        long sizeBytes,
        FileOutcome outcome,
        double rejectTolerancePercent,
        Counts counts,
        ErrorList errors,
        ErrorList warnings,
        Instant receivedAt,
        Instant validatedAt,
        Instant transformedAt,
        Instant integratedAt,
        Instant finishedAt,
        String archivedKey,
        StepFailure failure,
        Long rejectToleranceRecords,
        DeletionGuard deletionGuard,
        ProfileVersion profile,
        StepOutcomes steps) {

    public static final int VERSION = 1;

    /**
     * The report the validator starts a run with: what it read of the key and the envelope, its verdict, counts
     * and errors, and the partner's guards; the later steps fill in the rest.
     */
    public static RunReport validated(String runId, FileRef file, RunFacts facts, long sizeBytes,
                                      StepOutcome verdict, Counts counts, ErrorList errors, Instant receivedAt,
                                      Instant validatedAt) {
        return builder(runId, file).partnerId(facts.partnerId()).loader(facts.loader()).mode(facts.mode())
                .snapshotDate(facts.snapshotDay()).sha256(facts.sha256()).sizeBytes(sizeBytes)
                .rejectTolerance(facts.rejectTolerance()).deletionGuard(facts.deletionGuard())
                .profile(facts.profile()).counts(counts).errors(errors).receivedAt(receivedAt)
                .validatedAt(validatedAt).steps(new StepOutcomes(verdict, null, null)).build();
    }

    /** A report of this run and file, in progress, with no errors and nothing counted yet. */
    public static Builder builder(String runId, FileRef file) {
        return new Builder(runId, file);
    }

    /** This report's values, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The reject tolerance the validator recorded for this file. */
    public RejectTolerance rejectTolerance() {
        return new RejectTolerance(rejectTolerancePercent, rejectToleranceRecords == null ? 0 : rejectToleranceRecords);
    }

    /** The deletion guard the validator recorded for this file, or the default. */
    public DeletionGuard deletionGuardOrDefault() {
        return deletionGuard == null ? DeletionGuard.DEFAULT : deletionGuard;
    }

    /** What each step decided so far (none decided in a report staged before they were recorded). */
    public StepOutcomes stepsSoFar() {
        return steps == null ? StepOutcomes.NONE : steps;
    }

    /** True when the file as a whole has been rejected (any file-level error). */
    public boolean hasFileErrors() {
        return errors.first().stream().anyMatch(e -> e.code().scope() == ErrorCode.Scope.FILE);
    }

    /** The transformer's judgement: its counts, errors and warnings, and its decision. */
    public RunReport withTransformation(StepOutcome decided, Counts newCounts, ErrorList newErrors,
                                        ErrorList newWarnings, Instant at) {
        return toBuilder().counts(newCounts).errors(newErrors).warnings(newWarnings).transformedAt(at)
                .steps(stepsSoFar().withTransform(decided)).build();
    }

    /** The integrator's commit: the counts with what it changed, and its warnings. */
    public RunReport withIntegration(Counts newCounts, ErrorList newWarnings, Instant at) {
        return toBuilder().counts(newCounts).warnings(newWarnings).integratedAt(at)
                .steps(stepsSoFar().withIntegrate(StepOutcome.ACCEPTED)).build();
    }

    /** The integrator refused the file as a whole: nothing of it was applied. */
    public RunReport refusedByIntegration(FileError reason) {
        RunReport rejected = rejectedAsAWhole(reason);
        return rejected.toBuilder().steps(stepsSoFar().withIntegrate(StepOutcome.REJECTED)).build();
    }

    /** The report with no value quoted from the file: an erasure leaves no copy of the owner's data in it. */
    public RunReport withoutQuotedValues() {
        return toBuilder().errors(errors.withoutValues()).warnings(warnings.withoutValues()).build();
    }

    /**
     * The whole file rejected after the fact (a step failed, or refused it): every record counts as rejected, and
     * the reason comes first among the errors.
     */
    public RunReport rejectedAsAWhole(FileError reason) {
        return toBuilder().counts(counts.withRejected(counts.received()))
                .errors(ErrorList.of(List.of(reason)).plus(errors)).build();
    }

    public RunReport archived(FileOutcome finalOutcome, String archivedAt, StepFailure stepFailure, Instant at) {
        return toBuilder().outcome(finalOutcome).archivedKey(archivedAt).failure(stepFailure).finishedAt(at).build();
    }

    /** A report's values by name: what {@link #builder} and {@link #toBuilder} give. */
    public static final class Builder {
        private final int reportVersion;
        private final String runId;
        private FileRef file;
        private String partnerId;
        private Loader loader;
        private Mode mode;
        private LocalDate snapshotDate;
        private String sha256;
        private long sizeBytes;
        private FileOutcome outcome = FileOutcome.IN_PROGRESS;
        private double rejectTolerancePercent = RejectTolerance.DEFAULT.percent();
        private Counts counts = new Counts(0, 0, 0, 0, 0, 0, 0, 0);
        private ErrorList errors = ErrorList.empty();
        private ErrorList warnings = ErrorList.empty();
        private Instant receivedAt;
        private Instant validatedAt;
        private Instant transformedAt;
        private Instant integratedAt;
        private Instant finishedAt;
        private String archivedKey;
        private StepFailure failure;
        private Long rejectToleranceRecords = RejectTolerance.DEFAULT.records();
        private DeletionGuard deletionGuard;
        private ProfileVersion profile;
        private StepOutcomes steps;

        private Builder(String runId, FileRef file) {
            this.reportVersion = VERSION;
            this.runId = runId;
            this.file = file;
        }

        private Builder(RunReport r) {
            this.reportVersion = r.reportVersion;
            this.runId = r.runId;
            this.file = r.file;
            this.partnerId = r.partnerId;
            this.loader = r.loader;
            this.mode = r.mode;
            this.snapshotDate = r.snapshotDate;
            this.sha256 = r.sha256;
            this.sizeBytes = r.sizeBytes;
            this.outcome = r.outcome;
            this.rejectTolerancePercent = r.rejectTolerancePercent;
            this.counts = r.counts;
            this.errors = r.errors;
            this.warnings = r.warnings;
            this.receivedAt = r.receivedAt;
            this.validatedAt = r.validatedAt;
            this.transformedAt = r.transformedAt;
            this.integratedAt = r.integratedAt;
            this.finishedAt = r.finishedAt;
            this.archivedKey = r.archivedKey;
            this.failure = r.failure;
            this.rejectToleranceRecords = r.rejectToleranceRecords;
            this.deletionGuard = r.deletionGuard;
            this.profile = r.profile;
            this.steps = r.steps;
        }

        public Builder file(FileRef value) {
            this.file = value;
            return this;
        }

        public Builder partnerId(String value) {
            this.partnerId = value;
            return this;
        }

        public Builder loader(Loader value) {
            this.loader = value;
            return this;
        }

        public Builder mode(Mode value) {
            this.mode = value;
            return this;
        }

        public Builder snapshotDate(LocalDate value) {
            this.snapshotDate = value;
            return this;
        }

        public Builder sha256(String value) {
            this.sha256 = value;
            return this;
        }

        public Builder sizeBytes(long value) {
            this.sizeBytes = value;
            return this;
        }

        public Builder outcome(FileOutcome value) {
            this.outcome = value;
            return this;
        }

        public Builder rejectTolerance(RejectTolerance value) {
            this.rejectTolerancePercent = value.percent();
            this.rejectToleranceRecords = value.records();
            return this;
        }

        /** The share alone, as a report staged before floors existed recorded it. */
        public Builder rejectTolerancePercentOnly(double percent) {
            this.rejectTolerancePercent = percent;
            this.rejectToleranceRecords = null;
            return this;
        }

        public Builder counts(Counts value) {
            this.counts = value;
            return this;
        }

        public Builder errors(ErrorList value) {
            this.errors = value;
            return this;
        }

        public Builder warnings(ErrorList value) {
            this.warnings = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        public Builder validatedAt(Instant value) {
            this.validatedAt = value;
            return this;
        }

        public Builder transformedAt(Instant value) {
            this.transformedAt = value;
            return this;
        }

        public Builder integratedAt(Instant value) {
            this.integratedAt = value;
            return this;
        }

        public Builder finishedAt(Instant value) {
            this.finishedAt = value;
            return this;
        }

        public Builder archivedKey(String value) {
            this.archivedKey = value;
            return this;
        }

        public Builder failure(StepFailure value) {
            this.failure = value;
            return this;
        }

        public Builder deletionGuard(DeletionGuard value) {
            this.deletionGuard = value;
            return this;
        }

        public Builder profile(ProfileVersion value) {
            this.profile = value;
            return this;
        }

        public Builder steps(StepOutcomes value) {
            this.steps = value;
            return this;
        }

        public RunReport build() {
            return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                    outcome, rejectTolerancePercent, counts, errors, warnings, receivedAt, validatedAt, transformedAt,
                    integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard, profile,
                    steps);
        }
    }
}
