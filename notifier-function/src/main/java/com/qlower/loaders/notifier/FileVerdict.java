package com.qlower.loaders.notifier;

import com.qlower.loaders.report.RunReport;

/** What an email tells a partner became of its file, read from the run's report. */
enum FileVerdict {
    INTEGRATED,
    /** Integrated, except the records that were rejected one by one. */
    PARTLY_INTEGRATED,
    REJECTED,
    /** A step failed on Qlower's side: nothing in the file is to blame. */
    NOT_PROCESSED,
    /** Not expected once the file is archived; said plainly rather than guessed. */
    IN_PROGRESS;

    static FileVerdict of(RunReport report) {
        return switch (report.outcome()) {
            case SUCCEEDED -> report.counts().rejected() == 0 ? INTEGRATED : PARTLY_INTEGRATED;
            case FAILED -> failedOnQlowersSide(report) ? NOT_PROCESSED : REJECTED;
            case IN_PROGRESS -> IN_PROGRESS;
        };
    }

    /** The archiver records the step's failure whenever it archives a file a step failed on. */
    private static boolean failedOnQlowersSide(RunReport report) {
        return report.failure() != null;
    }
}
