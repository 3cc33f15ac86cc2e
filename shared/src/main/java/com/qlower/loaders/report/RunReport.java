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
import java.time.Instant;
import java.time.LocalDate;

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
        ProfileVersion profile) {

    public static final int VERSION = 1;

    /**
     * The report the validator starts a run with: what it read of the key and the envelope, its counts and errors,
     * and the partner's guards; the later steps fill in the rest.
     */
    public static RunReport validated(String runId, FileRef file, String partnerId, Loader loader, Mode mode,
                                      LocalDate snapshotDate, String sha256, long sizeBytes,
                                      RejectTolerance tolerance, DeletionGuard deletionGuard, Counts counts,
                                      ErrorList errors, Instant receivedAt, Instant validatedAt) {
        return new RunReport(VERSION, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                FileOutcome.IN_PROGRESS, tolerance.percent(), counts, errors, ErrorList.empty(), receivedAt,
                validatedAt, null, null, null, null, null, tolerance.records(), deletionGuard, null);
    }

    /** The report of a file read with this mapping profile (null: none). */
    public RunReport withProfile(ProfileVersion readWith) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, counts, errors, warnings, receivedAt, validatedAt, transformedAt,
                integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard, readWith);
    }

    /** A report without the partner's floors: the share of tolerance alone, the default deletion guard. */
    public RunReport(int reportVersion, String runId, FileRef file, String partnerId, Loader loader, Mode mode,
                     LocalDate snapshotDate, String sha256, long sizeBytes, FileOutcome outcome,
                     double rejectTolerancePercent, Counts counts, ErrorList errors, ErrorList warnings,
                     Instant receivedAt, Instant validatedAt, Instant transformedAt, Instant integratedAt,
                     Instant finishedAt, String archivedKey, StepFailure failure) {
        this(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes, outcome,
                rejectTolerancePercent, counts, errors, warnings, receivedAt, validatedAt, transformedAt, integratedAt,
                finishedAt, archivedKey, failure, null, null, null);
    }

    /** A report of a file read without a mapping profile. */
    public RunReport(int reportVersion, String runId, FileRef file, String partnerId, Loader loader, Mode mode,
                     LocalDate snapshotDate, String sha256, long sizeBytes, FileOutcome outcome,
                     double rejectTolerancePercent, Counts counts, ErrorList errors, ErrorList warnings,
                     Instant receivedAt, Instant validatedAt, Instant transformedAt, Instant integratedAt,
                     Instant finishedAt, String archivedKey, StepFailure failure, Long rejectToleranceRecords,
                     DeletionGuard deletionGuard) {
        this(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes, outcome,
                rejectTolerancePercent, counts, errors, warnings, receivedAt, validatedAt, transformedAt, integratedAt,
                finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard, null);
    }

    /** The reject tolerance the validator recorded for this file. */
    public RejectTolerance rejectTolerance() {
        return new RejectTolerance(rejectTolerancePercent, rejectToleranceRecords == null ? 0 : rejectToleranceRecords);
    }

    /** The deletion guard the validator recorded for this file, or the default. */
    public DeletionGuard deletionGuardOrDefault() {
        return deletionGuard == null ? DeletionGuard.DEFAULT : deletionGuard;
    }

    /** True when the file as a whole has been rejected (any file-level error). */
    public boolean hasFileErrors() {
        return errors.first().stream().anyMatch(e -> e.code().scope() == ErrorCode.Scope.FILE);
    }

    public RunReport withTransformation(Counts newCounts, ErrorList newErrors, ErrorList newWarnings, Instant at) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, newCounts, newErrors, newWarnings, receivedAt, validatedAt, at,
                integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard,
                profile);
    }

    public RunReport withIntegration(Counts newCounts, Instant at) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, newCounts, errors, warnings, receivedAt, validatedAt, transformedAt,
                at, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard,
                profile);
    }

    public RunReport withWarnings(ErrorList newWarnings) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, counts, errors, newWarnings, receivedAt, validatedAt, transformedAt,
                integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard,
                profile);
    }

    /** The report with no value quoted from the file: an erasure leaves no copy of the owner's data in it. */
    public RunReport withoutQuotedValues() {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, counts, errors.withoutValues(), warnings.withoutValues(), receivedAt,
                validatedAt, transformedAt, integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords,
                deletionGuard, profile);
    }

    /**
     * The whole file rejected after the fact (a step failed, or refused it): every record counts as rejected, and
     * the reason comes first among the errors.
     */
    public RunReport rejectedAsAWhole(FileError reason) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                outcome, rejectTolerancePercent, counts.withRejected(counts.received()),
                ErrorList.of(java.util.List.of(reason)).plus(errors), warnings, receivedAt, validatedAt,
                transformedAt, integratedAt, finishedAt, archivedKey, failure, rejectToleranceRecords, deletionGuard,
                profile);
    }

    public RunReport archived(FileOutcome finalOutcome, String archivedAt, StepFailure stepFailure, Instant at) {
        return new RunReport(reportVersion, runId, file, partnerId, loader, mode, snapshotDate, sha256, sizeBytes,
                finalOutcome, rejectTolerancePercent, counts, errors, warnings, receivedAt, validatedAt, transformedAt,
                integratedAt, at, archivedAt, stepFailure, rejectToleranceRecords, deletionGuard,
                profile);
    }
}
