package com.qlower.loaders.notifier;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.Wording.Count;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.wording.EmailWording;

/** What an email tells a partner became of its file, read from the run's report, and how it says so. */
enum FileVerdict {
    INTEGRATED(EmailWording.TITLE_INTEGRATED),
    /** Integrated, except the records that were rejected one by one. */
    PARTLY_INTEGRATED(EmailWording.TITLE_PARTLY_INTEGRATED),
    REJECTED(EmailWording.TITLE_REJECTED),
    /** A step failed on Qlower's side: nothing in the file is to blame. */
    NOT_PROCESSED(EmailWording.TITLE_NOT_PROCESSED),
    /** Not expected once the file is archived; said plainly rather than guessed. */
    IN_PROGRESS(EmailWording.TITLE_IN_PROGRESS);

    private final EmailWording title;

    FileVerdict(EmailWording title) {
        this.title = title;
    }

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

    /** The banner's title. */
    EmailWording title() {
        return title;
    }

    /** What the subject says after the file's name. */
    Message subject(Counts counts) {
        return switch (this) {
            case INTEGRATED -> EmailWording.SUBJECT_INTEGRATED.with("accepted", new Count(counts.accepted()));
            case PARTLY_INTEGRATED -> EmailWording.SUBJECT_PARTLY_INTEGRATED.with(
                    "rejected", new Count(counts.rejected()), "received", new Count(counts.received()));
            case REJECTED -> EmailWording.SUBJECT_REJECTED.message();
            case NOT_PROCESSED -> EmailWording.SUBJECT_NOT_PROCESSED.message();
            case IN_PROGRESS -> EmailWording.SUBJECT_IN_PROGRESS.message();
        };
    }

    /** The banner's sentence. */
    Message sentence(Counts counts) {
        return switch (this) {
            case INTEGRATED -> EmailWording.SENTENCE_INTEGRATED.with(
                    "accepted", new Count(counts.accepted()), "received", new Count(counts.received()));
            case PARTLY_INTEGRATED -> EmailWording.SENTENCE_PARTLY_INTEGRATED.with(
                    "rejected", new Count(counts.rejected()), "received", new Count(counts.received()));
            case REJECTED -> EmailWording.SENTENCE_REJECTED.message();
            case NOT_PROCESSED -> EmailWording.SENTENCE_NOT_PROCESSED.message();
            case IN_PROGRESS -> EmailWording.SENTENCE_IN_PROGRESS.message();
        };
    }
}
