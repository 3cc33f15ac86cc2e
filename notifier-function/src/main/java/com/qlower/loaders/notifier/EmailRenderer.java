package com.qlower.loaders.notifier;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.errors.Wording;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.wording.EmailWording;
import com.qlower.loaders.wording.Written;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        EmailContent content = content(report, new InLanguage(partner.language()), link);
        return new Email(partner.contactEmails(), content.subject(), EmailHtml.of(content), EmailText.of(content));
    }

    /** The catalogue's words in the partner's language. */
    private record InLanguage(String code) {
        InLanguage(Partner.Language language) {
            this(language.name().toLowerCase(Locale.ROOT));
        }

        String say(Wording words) {
            return words.in(code);
        }

        String say(Message message) {
            return message.in(code);
        }
    }

    private static EmailContent content(RunReport report, InLanguage words, ReportLink link) {
        FileVerdict verdict = FileVerdict.of(report);
        List<FileError> listed = report.errors().first().stream().limit(ERRORS_LISTED).toList();
        long totalErrors = report.errors().total();
        long totalWarnings = report.warnings().total();
        return new EmailContent(
                words.code(),
                words.say(EmailWording.COLON),
                verdict,
                words.say(EmailWording.SUBJECT.with("file", subjectFileName(report, words),
                        "verdict", verdict.subject(report.counts()))),
                words.say(EmailWording.BRAND),
                words.say(verdict.title()),
                words.say(verdict.sentence(report.counts())),
                details(report, words),
                words.say(PartnerMessage.RECORDS),
                counts(report.counts(), words),
                words.say(listed.isEmpty() ? PartnerMessage.NO_ERRORS.message() : listed.size() == totalErrors
                        ? EmailWording.ERRORS_HEADING.with("total", new Wording.Count(totalErrors))
                        : EmailWording.FIRST_ERRORS_HEADING.with("listed", listed.size(),
                                "total", new Wording.Count(totalErrors))),
                listed.stream().map(e -> new EmailContent.ErrorRow(e.code().name(), where(e, words),
                        e.message() == null ? "" : words.say(e.message()))).toList(),
                errorNotes(listed, totalErrors, words),
                words.say(totalWarnings == 0 ? PartnerMessage.NO_WARNINGS.message()
                        : EmailWording.WARNINGS.with("total", new Wording.Count(totalWarnings))),
                words.say(EmailWording.FULL_REPORT),
                words.say(EmailWording.OPEN_FULL_REPORT),
                link.url(),
                words.say(link.url().startsWith("file:") ? EmailWording.LINK_TO_LOCAL_FILE.message()
                        : EmailWording.LINK_EXPIRES.with("time", parisTime(link.expiresAt()))),
                words.say(PartnerMessage.RUN_ID),
                report.runId(),
                words.say(EmailWording.AUTOMATIC_MESSAGE));
    }

    /** A time as partners read it: in Paris, in words, the zone named. */
    private static Message parisTime(Instant at) {
        LocalDateTime paris = LocalDateTime.ofInstant(at, DailySummary.ZONE);
        return EmailWording.DATE_AT_TIME.with("date", Written.longDate(paris.toLocalDate()),
                "time", Written.hoursAndMinutes(paris));
    }

    /**
     * The file name, only when it is of the contract's shape: a subject travels through every mail server's logs,
     * and a free-form name could carry someone's name.
     */
    private static String subjectFileName(RunReport report, InLanguage words) {
        if (report.file() == null || report.file().key() == null) {
            return words.say(EmailWording.NON_CONFORMING_FILE_NAME);
        }
        try {
            return PartnerFileName.parse(report.file().key()).fileName();
        } catch (ContractViolation e) {
            return words.say(EmailWording.NON_CONFORMING_FILE_NAME);
        }
    }

    private static List<EmailContent.Row> details(RunReport report, InLanguage words) {
        List<EmailContent.Row> rows = new ArrayList<>();
        if (report.file() != null && report.file().key() != null) {
            rows.add(new EmailContent.Row(words.say(EmailWording.FILE_LABEL),
                    PartnerFileName.fileNameOf(report.file().key())));
        }
        if (report.snapshotDate() != null) {
            rows.add(new EmailContent.Row(words.say(EmailWording.SNAPSHOT_DATE_LABEL),
                    words.say(Written.longDate(report.snapshotDate()))));
        }
        if (report.receivedAt() != null) {
            rows.add(new EmailContent.Row(words.say(EmailWording.RECEIVED_AT_LABEL),
                    words.say(parisTime(report.receivedAt()))));
        }
        return rows;
    }

    /** Received, accepted, rejected, inserted, updated, unchanged, retired, erased: {@link Counts}' order. */
    private static List<EmailContent.Row> counts(Counts counts, InLanguage words) {
        List<EmailWording> labels = List.of(EmailWording.COUNT_RECEIVED, EmailWording.COUNT_ACCEPTED,
                EmailWording.COUNT_REJECTED, EmailWording.COUNT_INSERTED, EmailWording.COUNT_UPDATED,
                EmailWording.COUNT_UNCHANGED, EmailWording.COUNT_RETIRED, EmailWording.COUNT_ERASED);
        long[] values = LongStream.of(counts.received(), counts.accepted(), counts.rejected(), counts.inserted(),
                counts.updated(), counts.unchanged(), counts.retired(), counts.erased()).toArray();
        return IntStream.range(0, values.length)
                .mapToObj(i -> new EmailContent.Row(words.say(labels.get(i)),
                        words.say(new Wording.Count(values[i]).written())))
                .toList();
    }

    /** Record index, JSON pointer, line and column: whichever the error has, the whole file when none. */
    private static String where(FileError error, InLanguage words) {
        List<String> parts = new ArrayList<>();
        if (error.recordIndex() != null) {
            parts.add(words.say(PartnerMessage.RECORD_NUMBER.with("index", error.recordIndex())));
        }
        if (error.pointer() != null && !error.pointer().equals("/records/" + error.recordIndex())) {
            parts.add(error.pointer());
        }
        if (error.line() != null) {
            parts.add(words.say(PartnerMessage.lineAndColumn(error.line(), error.column())));
        }
        return parts.isEmpty() ? words.say(EmailWording.WHOLE_FILE) : String.join(" · ", parts);
    }

    private static List<String> errorNotes(List<FileError> listed, long total, InLanguage words) {
        List<String> notes = new ArrayList<>();
        if (listed.stream().anyMatch(e -> e.recordIndex() != null
                || e.pointer() != null && e.pointer().startsWith("/records/"))) {
            notes.add(words.say(EmailWording.RECORD_NUMBERING));
        }
        if (total > listed.size()) {
            notes.add(words.say(EmailWording.OTHER_ERRORS_IN_REPORT));
        }
        return notes;
    }
}
