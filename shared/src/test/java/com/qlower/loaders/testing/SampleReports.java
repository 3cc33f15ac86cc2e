package com.qlower.loaders.testing;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.report.StepOutcomes;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StepOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Reports built by hand, for the tests of what reads or renders a report. */
public final class SampleReports {

    public static final String RUN_ID = "0123456789abcdef0123456789abcdef";
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-23T02:14:07.532Z");

    private SampleReports() {
    }

    /** A failed transactions file whose every field is set, with a file error, a record error and a warning. */
    public static RunReport everyField() {
        FileError fileError = FileError.ofFile(ErrorCode.PIPELINE_ERROR,
                Message.of("le traitement a échoué", "the pipeline could not process this file"), null);
        FileError recordError = new FileError(ErrorCode.MONEY_TOO_MANY_DECIMALS,
                Message.of("amount a plus de 2 décimales", "amount has more than 2 decimals"), 12L,
                "/records/12/amount", null, null, "12.345");
        FileError syntaxError = FileError.atSyntax(ErrorCode.JSON_MALFORMED,
                Message.of("JSON invalide", "invalid JSON"), 3, 17);
        FileError warning = FileError.ofRecord(ErrorCode.CATEGORY_INFERRED,
                Message.of("catégorie déduite du libellé", "category inferred from the label"), 4, "/category",
                null);
        return RunReport.builder(RUN_ID, new FileRef("qlower-ingest", "inbox/gestimmo/transactions_20261123.json",
                        "3HL4kqtJvjVBH40Nrjfkd")).partnerId("gestimmo").loader(Loader.TRANSACTIONS).mode(Mode.SNAPSHOT)
                .snapshotDate(LocalDate.parse("2026-11-23")).sha256("a".repeat(64)).sizeBytes(4_096)
                .outcome(FileOutcome.FAILED).rejectTolerance(new RejectTolerance(5.0, 2))
                .counts(new Counts(13, 0, 13, 0, 0, 0, 0, 0))
                .errors(ErrorList.of(List.of(fileError, recordError, syntaxError)))
                .warnings(ErrorList.of(List.of(warning))).receivedAt(RECEIVED_AT)
                .validatedAt(RECEIVED_AT.plusSeconds(2)).transformedAt(RECEIVED_AT.plusSeconds(5))
                .integratedAt(RECEIVED_AT.plusSeconds(9)).finishedAt(RECEIVED_AT.plusSeconds(12))
                .archivedKey("failure/gestimmo/transactions_20261123.0123456789ab.json")
                .failure(new StepFailure("com.qlower.loaders.errors.TransientFailure", "integrating run failed"))
                .deletionGuard(DeletionGuard.DEFAULT)
                .profile(new com.qlower.loaders.domain.ProfileVersion("gestimmo-export", 3))
                .steps(new StepOutcomes(StepOutcome.ACCEPTED, StepOutcome.ACCEPTED, null)).build();
    }

    /** A report of a file integrated in full, archived under success/. */
    public static RunReport succeeded(String partnerId, String fileName, long records) {
        return archived(RUN_ID, partnerId, fileName, FileOutcome.SUCCEEDED,
                new Counts(records, records, 0, records, 0, 0, 0, 0), List.of(), RECEIVED_AT);
    }

    /**
     * The final report of a file received at a time, archived under success/ or failure/ by its outcome.
     *
     * @param partnerId null for a key naming no valid partner folder (archived under failure/_unknown/)
     */
    public static RunReport archived(String runId, String partnerId, String fileName, FileOutcome outcome,
                                     Counts counts, List<FileError> errors, Instant receivedAt) {
        String stem = fileName.substring(0, fileName.length() - ".json".length());
        String folder = partnerId == null ? "Not_A_Partner" : partnerId;
        Loader loader = stem.contains("_") ? Loader.fromWireName(stem.substring(0, stem.indexOf('_'))).orElse(null)
                : null;
        String archivedKey = (outcome == FileOutcome.SUCCEEDED ? "success/" : "failure/")
                + (partnerId == null ? "_unknown" : partnerId) + "/" + stem + "." + runId.substring(0, 12) + ".json";
        // written before floors and the deletion guard were recorded: the share of tolerance alone
        return RunReport.builder(runId, new FileRef("qlower-ingest", "inbox/" + folder + "/" + fileName, null))
                .partnerId(partnerId).loader(loader).mode(Mode.SNAPSHOT).snapshotDate(LocalDate.parse("2026-11-23"))
                .sha256("b".repeat(64)).sizeBytes(1_024).outcome(outcome).rejectTolerancePercentOnly(5.0)
                .counts(counts).errors(ErrorList.of(errors)).receivedAt(receivedAt)
                .validatedAt(receivedAt.plusSeconds(1)).transformedAt(receivedAt.plusSeconds(2))
                .integratedAt(outcome == FileOutcome.SUCCEEDED ? receivedAt.plusSeconds(3) : null)
                .finishedAt(receivedAt.plusSeconds(4)).archivedKey(archivedKey).build();
    }
}
