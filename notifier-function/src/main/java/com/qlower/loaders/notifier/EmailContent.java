package com.qlower.loaders.notifier;

import java.util.List;

/**
 * Everything a partner email says, already in the partner's language and not yet escaped: the HTML body and the
 * plain-text alternative are two layouts of this one content, so they cannot say different things.
 *
 * @param colon how the language sets a colon after a label: {@code " :"} in French, {@code ":"} in English
 * @param errors the first errors of the file, at most {@link EmailRenderer#ERRORS_LISTED}
 * @param errorNotes what to know to read the errors (how records are numbered, where the others are)
 */
record EmailContent(
        String language,
        String colon,
        FileVerdict verdict,
        String subject,
        String brand,
        String verdictTitle,
        String verdictSentence,
        List<Row> details,
        String countsHeading,
        List<Row> counts,
        String errorsHeading,
        List<ErrorRow> errors,
        List<String> errorNotes,
        String warnings,
        String fullReportHeading,
        String openFullReport,
        String reportUrl,
        String linkExpires,
        String runIdLabel,
        String runId,
        String automaticMessage) {

    record Row(String label, String value) {
    }

    record ErrorRow(String code, String where, String message) {
    }
}
