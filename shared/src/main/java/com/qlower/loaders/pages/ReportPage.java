package com.qlower.loaders.pages;

import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.wording.PageWording;
import com.qlower.loaders.wording.Written;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's report as a page a person reads, in the partner's language: how the file ended, its counts, and every
 * error and warning the report lists, each with its code, where it is and what to do. Archived beside the JSON
 * report, which stays the normative one (docs/report-format.md).
 *
 * <p>The page never shows the offending {@code value}s: an erasure blanks them in the JSON reports, and a page
 * without them holds nothing an erasure would have to find.
 */
public final class ReportPage {

    /**
     * Without a charset parameter: the page declares UTF-8 in its first bytes ({@code <meta charset>}), and the
     * local S3 server's Jetty rewrites a {@code ;charset=} parameter, which breaks the request's signature.
     */
    public static final String CONTENT_TYPE = "text/html";

    private ReportPage() {
    }

    public static String render(RunReport report, Partner.Language language) {
        String fileName = PartnerFileName.fileNameOf(report.file().key());
        HtmlPage page = new HtmlPage(language, PageWording.REPORT_TITLE.with("file", fileName));
        page.banner(report.outcome(), page.say(outcomeText(report)));
        page.heading(page.say(PartnerMessage.RECORDS)).counts(report.counts());
        listed(page, PageWording.ERRORS_HEADING, report.errors(), page.say(PartnerMessage.NO_ERRORS));
        listed(page, PageWording.WARNINGS_HEADING, report.warnings(), page.say(PartnerMessage.NO_WARNINGS));
        // a file rejected before its envelope was read has no loader, mode or date: the page says so
        String notRead = page.say(PageWording.NOT_READ);
        page.heading(page.say(PageWording.THE_FILE)).details(List.of(
                identifier(page.say(PageWording.KEY), report.file().key()),
                row(page.say(PageWording.PARTNER), report.partnerId() == null ? notRead : report.partnerId()),
                row(page.say(PageWording.LOADER), report.loader() == null ? notRead : report.loader().wireName()),
                row(page.say(PageWording.MODE), report.mode() == null ? notRead : report.mode().wireName()),
                row(page.say(PageWording.SNAPSHOT_DATE),
                        report.snapshotDate() == null ? notRead : page.date(report.snapshotDate())),
                row(page.say(PageWording.SIZE_IN_BYTES), Long.toString(report.sizeBytes())),
                report.sha256() == null ? row(page.say(PageWording.SHA_256), notRead)
                        : identifier(page.say(PageWording.SHA_256), report.sha256()),
                row(page.say(PageWording.RECEIVED_AT), page.time(report.receivedAt())),
                row(page.say(PageWording.FINISHED_AT),
                        report.finishedAt() == null ? null : page.time(report.finishedAt())),
                row(page.say(PageWording.REJECT_TOLERANCE),
                        guard(page, report.rejectTolerancePercent(), report.rejectToleranceRecords())),
                row(page.say(PageWording.DELETION_GUARD), report.deletionGuard() == null ? null
                        : guard(page, report.deletionGuard().percent(), report.deletionGuard().records())),
                row(page.say(PageWording.MAPPING_PROFILE), report.profile() == null
                        ? page.say(PageWording.NO_MAPPING_PROFILE)
                        : page.say(PageWording.PROFILE_VERSION.with("profile", report.profile().profileId(),
                                "version", report.profile().version()))),
                identifier(page.say(PageWording.ARCHIVED_AS), report.archivedKey()),
                identifier(page.say(PartnerMessage.RUN_ID), report.runId())));
        if (report.failure() != null) {
            page.heading(page.say(PageWording.FOR_SUPPORT)).details(List.of(
                    identifier(page.say(PageWording.SUPPORT_ERROR), report.failure().error()),
                    row(page.say(PageWording.SUPPORT_CAUSE), report.failure().cause())));
        }
        page.note(page.say(PageWording.REPORT_FORMAT_NOTE.with("version", report.reportVersion())),
                page.say(PageWording.ERROR_CODES_LINK), ErrorCodesPage.FILE_NAME,
                page.say(PageWording.ERROR_CODES_PUBLISHED_BESIDE));
        return page.end();
    }

    private static Message outcomeText(RunReport report) {
        return switch (report.outcome()) {
            case SUCCEEDED -> report.counts().rejected() == 0 ? PageWording.FILE_INTEGRATED.message()
                    : PageWording.FILE_INTEGRATED_EXCEPT_REJECTED.with("rejected", report.counts().rejected());
            case FAILED -> (report.failure() != null ? PageWording.FILE_NOT_PROCESSED : PageWording.FILE_REJECTED)
                    .message();
            case IN_PROGRESS -> PageWording.FILE_IN_PROGRESS.message();
        };
    }

    /** A list of errors or warnings: all those the report lists, and the note when it lists only the first. */
    private static void listed(HtmlPage page, PageWording heading, ErrorList list, String none) {
        page.heading(page.say(heading.with("total", list.total())));
        if (list.total() == 0) {
            page.paragraph(none);
            return;
        }
        if (list.total() > list.first().size()) {
            page.note(page.say(PageWording.FIRST_LISTED.with("listed", list.first().size(), "total", list.total())));
        }
        if (list.first().stream().anyMatch(e -> e.recordIndex() != null)) {
            // the JSON report, its pointers, the email and ./loaders validate all count from 0: so does the page,
            // and it says so before the table
            page.note(page.say(PageWording.RECORDS_NUMBERED_FROM_ZERO));
        }
        List<List<String>> rows = new ArrayList<>(list.first().size());
        for (int i = 0; i < list.first().size(); i++) {
            FileError e = list.first().get(i);
            rows.add(List.of(Integer.toString(i + 1), e.code().name(), location(e, page), page.say(e.message())));
        }
        page.table(List.of(page.say(PageWording.NUMBER_COLUMN), page.say(PageWording.CODE_COLUMN),
                page.say(PageWording.LOCATION_COLUMN), page.say(PageWording.MESSAGE_COLUMN)), rows, List.of(), 1);
    }

    private static String location(FileError e, HtmlPage page) {
        List<String> parts = new ArrayList<>(2);
        if (e.recordIndex() != null) {
            parts.add(page.say(PartnerMessage.RECORD_NUMBER.with("index", e.recordIndex())));
        }
        if (e.pointer() != null) {
            parts.add(e.pointer());
        }
        if (e.line() != null) {
            parts.add(page.say(PartnerMessage.lineAndColumn(e.line(), e.column())));
        }
        return parts.isEmpty() ? page.say(PageWording.WHOLE_FILE) : String.join(" · ", parts);
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String[] identifier(String label, String value) {
        return new String[] {label, value, HtmlPage.IDENTIFIER};
    }

    /** A guard's share, and its floor when the report has one (reports written before floors have none). */
    private static String guard(HtmlPage page, double percent, Long records) {
        return records == null ? page.say(Written.percent(percent))
                : page.say(PageWording.GUARD_FLOOR.with("share", Written.percent(percent), "records", records));
    }
}
