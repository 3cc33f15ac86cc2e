package com.qlower.loaders.pages;

import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.report.RecordedRun;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.wording.PageWording;
import com.qlower.loaders.wording.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A partner's day as a self-contained page: the totals, then each file with its outcome and first error. */
public final class DailySummaryPage {

    private DailySummaryPage() {
    }

    public static String render(DailySummary summary, Partner.Language language) {
        HtmlPage page = new HtmlPage(language, PageWording.DAILY_TITLE.with("date", Written.date(summary.date()),
                "partner", summary.partnerId()));
        FileOutcome state = summary.failed() > 0 ? FileOutcome.FAILED
                : summary.inProgress() > 0 || summary.filesReceived() == 0 ? FileOutcome.IN_PROGRESS
                : FileOutcome.SUCCEEDED;
        page.banner(state, page.say(PageWording.DAILY_BANNER.with("files", summary.filesReceived(),
                "succeeded", summary.succeeded(), "failed", summary.failed(), "inProgress", summary.inProgress(),
                "errors", summary.errorCount())));
        page.heading(page.say(PageWording.DAILY_RECORDS)).counts(summary.counts());
        page.heading(page.say(PageWording.DAILY_FILES));
        if (summary.files().isEmpty()) {
            page.paragraph(page.say(PageWording.NO_FILE_THAT_DAY));
            return page.end();
        }
        List<List<String>> rows = new ArrayList<>();
        for (RecordedRun file : summary.files()) {
            rows.add(List.of(page.clockTime(file.receivedAt()), PartnerFileName.fileNameOf(file.objectKey()),
                    page.say(outcome(file.outcome())), Long.toString(file.counts().received()),
                    Long.toString(file.counts().accepted()), Long.toString(file.counts().rejected()),
                    Long.toString(file.errorCount()), file.firstError() == null ? "" : file.firstError().name(),
                    file.archivedKey() == null ? "" : file.archivedKey()));
        }
        // every file is of the page's day: the time alone, its zone said once, in the header
        page.table(Stream.of(PageWording.RECEIVED_AT_PARIS_TIME, PageWording.FILE_COLUMN, PageWording.OUTCOME_COLUMN,
                        PageWording.COUNT_RECEIVED, PageWording.COUNT_ACCEPTED, PageWording.COUNT_REJECTED,
                        PageWording.ERRORS_COLUMN, PageWording.FIRST_ERROR_COLUMN, PageWording.ARCHIVED_AS)
                        .map(page::say).toList(),
                rows, List.of(1, 7, 8));
        return page.end();
    }

    private static PageWording outcome(FileOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> PageWording.OUTCOME_INTEGRATED;
            case FAILED -> PageWording.OUTCOME_FAILED;
            case IN_PROGRESS -> PageWording.OUTCOME_IN_PROGRESS;
        };
    }
}
