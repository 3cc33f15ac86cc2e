package com.qlower.loaders.notifier;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Writes the email that tells a partner what became of one file: outcome, counts, the first errors located, the
 * warnings count, a link to the full report, in the partner's language. An error's {@code value} is never shown:
 * it may quote personal data, and the report behind the link has it.
 */
public final class EmailRenderer {

    /** An email lists the first errors only; the report behind the link lists up to a thousand. */
    public static final int ERRORS_LISTED = 10;

    public Email render(RunReport report, Partner partner, ReportLink link) {
        EmailContent content = content(report, EmailWording.of(partner.language()), link);
        return new Email(partner.contactEmails(), content.subject(), EmailHtml.of(content), EmailText.of(content));
    }

    private static EmailContent content(RunReport report, EmailWording words, ReportLink link) {
        FileVerdict verdict = FileVerdict.of(report);
        List<FileError> listed = report.errors().first().stream().limit(ERRORS_LISTED).toList();
        return new EmailContent(
                words.language,
                words.colon(),
                verdict,
                words.subject(subjectFileName(report, words), words.subjectVerdict(verdict, report.counts())),
                words.brand(),
                words.verdictTitle(verdict),
                words.verdictSentence(verdict, report.counts()),
                details(report, words),
                words.countsHeading(),
                counts(report.counts(), words),
                listed.isEmpty() ? words.noErrors() : words.errorsHeading(listed.size(), report.errors().total()),
                listed.stream().map(e -> new EmailContent.ErrorRow(e.code().name(), where(e, words),
                        e.message() == null ? "" : e.message().in(words.language))).toList(),
                errorNotes(listed, report.errors().total(), words),
                words.warnings(report.warnings().total()),
                words.fullReport(),
                words.openFullReport(),
                link.url(),
                link.url().startsWith("file:") ? words.linkToLocalFile() : words.linkExpires(link.expiresAt()),
                words.runIdLabel(),
                report.runId(),
                words.automaticMessage());
    }

    /**
     * The file name, only when it is of the contract's shape: a subject travels through every mail server's logs,
     * and a free-form name could carry someone's name.
     */
    private static String subjectFileName(RunReport report, EmailWording words) {
        if (report.file() == null || report.file().key() == null) {
            return words.nonConformingFileName();
        }
        try {
            return PartnerFileName.parse(report.file().key()).fileName();
        } catch (ContractViolation e) {
            return words.nonConformingFileName();
        }
    }

    private static List<EmailContent.Row> details(RunReport report, EmailWording words) {
        List<EmailContent.Row> rows = new ArrayList<>();
        if (report.file() != null && report.file().key() != null) {
            rows.add(new EmailContent.Row(words.fileLabel(), PartnerFileName.fileNameOf(report.file().key())));
        }
        if (report.snapshotDate() != null) {
            rows.add(new EmailContent.Row(words.snapshotDateLabel(), words.date(report.snapshotDate())));
        }
        if (report.receivedAt() != null) {
            rows.add(new EmailContent.Row(words.receivedAtLabel(), words.dateTime(report.receivedAt())));
        }
        return rows;
    }

    private static List<EmailContent.Row> counts(Counts counts, EmailWording words) {
        long[] values = LongStream.of(counts.received(), counts.accepted(), counts.rejected(), counts.inserted(),
                counts.updated(), counts.unchanged(), counts.retired(), counts.erased()).toArray();
        List<String> labels = words.countLabels();
        return IntStream.range(0, values.length)
                .mapToObj(i -> new EmailContent.Row(labels.get(i), words.number(values[i])))
                .toList();
    }

    /** Record index, JSON pointer, line and column: whichever the error has, the whole file when none. */
    private static String where(FileError error, EmailWording words) {
        List<String> parts = new ArrayList<>();
        if (error.recordIndex() != null) {
            parts.add(words.record(error.recordIndex()));
        }
        if (error.pointer() != null && !error.pointer().equals("/records/" + error.recordIndex())) {
            parts.add(error.pointer());
        }
        if (error.line() != null) {
            parts.add(words.lineColumn(error.line(), error.column()));
        }
        return parts.isEmpty() ? words.wholeFile() : String.join(" · ", parts);
    }

    private static List<String> errorNotes(List<FileError> listed, long total, EmailWording words) {
        List<String> notes = new ArrayList<>();
        if (listed.stream().anyMatch(e -> e.recordIndex() != null
                || e.pointer() != null && e.pointer().startsWith("/records/"))) {
            notes.add(words.recordNumbering());
        }
        if (total > listed.size()) {
            notes.add(words.otherErrorsInReport());
        }
        return notes;
    }
}
