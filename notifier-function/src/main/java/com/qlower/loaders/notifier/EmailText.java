package com.qlower.loaders.notifier;

import java.util.List;
import java.util.Locale;

/** The plain-text alternative of a partner email: the same content as the HTML body, for readers without HTML. */
final class EmailText {

    private EmailText() {
    }

    static String of(EmailContent c) {
        StringBuilder t = new StringBuilder(4096);
        t.append(c.brand()).append("\n\n");
        t.append(c.verdictTitle().toUpperCase(Locale.forLanguageTag(c.language()))).append('\n');
        t.append(c.verdictSentence()).append("\n\n");
        for (EmailContent.Row row : c.details()) {
            t.append(row.label()).append(c.colon()).append(' ').append(row.value()).append('\n');
        }
        t.append('\n').append(c.countsHeading()).append('\n');
        appendAligned(t, c.counts());
        t.append('\n').append(c.errorsHeading()).append('\n');
        int n = 1;
        for (EmailContent.ErrorRow e : c.errors()) {
            String number = n++ + ". ";
            t.append(number).append(e.code()).append(" · ").append(e.where()).append('\n')
                    .append(" ".repeat(number.length())).append(e.message()).append('\n');
        }
        for (String note : c.errorNotes()) {
            t.append(note).append('\n');
        }
        t.append('\n').append(c.warnings()).append("\n\n");
        t.append(c.fullReportHeading()).append(c.colon()).append('\n').append(c.reportUrl()).append('\n')
                .append(c.linkExpires()).append("\n\n");
        t.append(c.runIdLabel()).append(c.colon()).append(' ').append(c.runId()).append('\n')
                .append(c.automaticMessage()).append('\n');
        return t.toString();
    }

    /** Labels on the left, numbers right-aligned in one column. */
    private static void appendAligned(StringBuilder t, List<EmailContent.Row> rows) {
        int labelWidth = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(r -> r.value().length()).max().orElse(0);
        for (EmailContent.Row row : rows) {
            t.append("  ").append(row.label()).append(" ".repeat(labelWidth - row.label().length() + 2))
                    .append(" ".repeat(valueWidth - row.value().length())).append(row.value()).append('\n');
        }
    }
}
