package com.qlower.loaders.testing;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
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
        return new RunReport(RunReport.VERSION, RUN_ID, new FileRef("qlower-ingest",
                "inbox/gestimmo/transactions_20261123.json", "3HL4kqtJvjVBH40Nrjfkd"), "gestimmo", Loader.TRANSACTIONS,
                Mode.SNAPSHOT, LocalDate.parse("2026-11-23"), "a".repeat(64), 4_096, FileOutcome.FAILED, 5.0,
                new Counts(13, 0, 13, 0, 0, 0, 0, 0),
                ErrorList.of(List.of(fileError, recordError, syntaxError)), ErrorList.of(List.of(warning)),
                RECEIVED_AT, RECEIVED_AT.plusSeconds(2), RECEIVED_AT.plusSeconds(5), RECEIVED_AT.plusSeconds(9),
                RECEIVED_AT.plusSeconds(12), "failure/gestimmo/transactions_20261123.0123456789ab.json",
                new StepFailure("com.qlower.loaders.errors.TransientFailure", "integrating run failed"), 2L,
                DeletionGuard.DEFAULT, new com.qlower.loaders.domain.ProfileVersion("gestimmo-export", 3));
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
        return new RunReport(RunReport.VERSION, runId, new FileRef("qlower-ingest",
                "inbox/" + folder + "/" + fileName, null), partnerId, loader, Mode.SNAPSHOT,
                LocalDate.parse("2026-11-23"), "b".repeat(64), 1_024, outcome, 5.0, counts, ErrorList.of(errors),
                ErrorList.empty(), receivedAt, receivedAt.plusSeconds(1), receivedAt.plusSeconds(2),
                outcome == FileOutcome.SUCCEEDED ? receivedAt.plusSeconds(3) : null, receivedAt.plusSeconds(4),
                archivedKey, null);
    }
}
