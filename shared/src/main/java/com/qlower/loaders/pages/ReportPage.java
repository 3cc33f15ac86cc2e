package com.qlower.loaders.pages;

import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
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
        HtmlPage page = new HtmlPage(language, HtmlPage.in(language, "Rapport de traitement — ",
                "Processing report — ") + fileName);
        page.banner(report.outcome(), outcomeText(report, page));
        page.heading(page.say(PartnerMessage.RECORDS.message())).counts(report.counts());
        listed(page, page.say("Erreurs", "Errors"), report.errors(), page.say(PartnerMessage.NO_ERRORS.message()));
        listed(page, page.say("Avertissements", "Warnings"), report.warnings(),
                page.say(PartnerMessage.NO_WARNINGS.message()));
        // a file rejected before its envelope was read has no loader, mode or date: the page says so
        String notRead = page.say("non lu : le fichier a été rejeté avant",
                "not read: the file was rejected before");
        page.heading(page.say("Le fichier", "The file")).details(List.of(
                identifier(page.say("Clé", "Key"), report.file().key()),
                row(page.say("Partenaire", "Partner"), report.partnerId() == null ? notRead : report.partnerId()),
                row(page.say("Type de fichier", "Loader"),
                        report.loader() == null ? notRead : report.loader().wireName()),
                row("Mode", report.mode() == null ? notRead : report.mode().wireName()),
                row(page.say("Date de l'instantané", "Snapshot date"),
                        report.snapshotDate() == null ? notRead : page.date(report.snapshotDate())),
                row(page.say("Taille (octets)", "Size (bytes)"), Long.toString(report.sizeBytes())),
                report.sha256() == null ? row("SHA-256", notRead) : identifier("SHA-256", report.sha256()),
                row(page.say("Reçu le", "Received at"), page.time(report.receivedAt())),
                row(page.say("Terminé le", "Finished at"),
                        report.finishedAt() == null ? null : page.time(report.finishedAt())),
                row(page.say("Tolérance de rejet", "Reject tolerance"),
                        guard(page, report.rejectTolerancePercent(), report.rejectToleranceRecords())),
                row(page.say("Garde de retrait", "Deletion guard"), report.deletionGuard() == null ? null
                        : guard(page, report.deletionGuard().percent(), report.deletionGuard().records())),
                row(page.say("Profil de lecture", "Mapping profile"), report.profile() == null
                        ? page.say("aucun (le format du contrat)", "none (the contract's format)")
                        : report.profile().profileId() + ", version " + report.profile().version()),
                identifier(page.say("Archivé sous", "Archived as"), report.archivedKey()),
                identifier(page.say(PartnerMessage.RUN_ID.message()), report.runId())));
        if (report.failure() != null) {
            page.heading(page.say("Pour le support Qlower", "For Qlower's support")).details(List.of(
                    identifier(page.say("Erreur", "Error"), report.failure().error()),
                    row("Cause", report.failure().cause())));
        }
        page.note(page.say("Rapport au format " + report.reportVersion() + " : le rapport JSON archivé à côté de "
                        + "cette page fait foi ; chaque code est expliqué dans le ",
                "Report format " + report.reportVersion() + ": the JSON report archived beside this page is the "
                        + "reference; each code is explained in the "),
                page.say("catalogue des codes d'erreur", "catalogue of error codes"), ErrorCodesPage.FILE_NAME,
                page.say(" (en anglais), publié à côté de cette page.", ", published beside this page."));
        return page.end();
    }

    private static String outcomeText(RunReport report, HtmlPage page) {
        return switch (report.outcome()) {
            case SUCCEEDED -> report.counts().rejected() == 0
                    ? page.say("Fichier intégré.", "File integrated.")
                    : page.say("Fichier intégré, sauf " + report.counts().rejected() + " enregistrement(s) rejeté(s).",
                            "File integrated, except " + report.counts().rejected() + " rejected record(s).");
            case FAILED -> report.failure() != null
                    ? page.say("Fichier non traité : un incident est survenu chez Qlower. Rien n'en a été enregistré, "
                                    + "et Qlower peut le traiter de nouveau sans que vous le renvoyiez.",
                            "File not processed: something failed on Qlower's side. Nothing from it was stored, "
                                    + "and Qlower can process it again without you sending it anew.")
                    : page.say("Fichier rejeté : rien n'en a été enregistré. Corrigez-le et envoyez-le de nouveau.",
                            "File rejected: nothing from it was stored. Fix it and send it again.");
            case IN_PROGRESS -> page.say("Fichier en cours de traitement.", "File being processed.");
        };
    }

    /** A list of errors or warnings: all those the report lists, and the note when it lists only the first. */
    private static void listed(HtmlPage page, String title, ErrorList list, String none) {
        page.heading(title + " (" + list.total() + ")");
        if (list.total() == 0) {
            page.paragraph(none);
            return;
        }
        if (list.total() > list.first().size()) {
            page.note(page.say("Les " + list.first().size() + " premiers sur " + list.total()
                            + " sont listés ici ; le total les compte tous.",
                    "first " + list.first().size() + " of " + list.total() + " listed here; the total counts them "
                            + "all."));
        }
        if (list.first().stream().anyMatch(e -> e.recordIndex() != null)) {
            // the JSON report, its pointers, the email and ./loaders validate all count from 0: so does the page,
            // and it says so before the table
            page.note(page.say("Les enregistrements sont numérotés à partir de 0, dans l'ordre du tableau records, "
                            + "comme dans les pointeurs JSON (/records/0 est le premier).",
                    "Records are numbered from 0, in the order of the records array, as in the JSON pointers "
                            + "(/records/0 is the first)."));
        }
        List<List<String>> rows = new ArrayList<>(list.first().size());
        for (int i = 0; i < list.first().size(); i++) {
            FileError e = list.first().get(i);
            rows.add(List.of(Integer.toString(i + 1), e.code().name(), location(e, page), page.say(e.message())));
        }
        page.table(List.of("#", "Code", page.say("Emplacement", "Location"), "Message"), rows, List.of(), 1);
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
            parts.add(page.say(PartnerMessage.LINE_AND_COLUMN.with("line", e.line(), "column", e.column())));
        }
        return parts.isEmpty() ? page.say("le fichier entier", "the whole file") : String.join(" · ", parts);
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String[] identifier(String label, String value) {
        return new String[] {label, value, HtmlPage.IDENTIFIER};
    }

    /** A guard's share, and its floor when the report has one (reports written before floors have none). */
    private static String guard(HtmlPage page, double percent, Long records) {
        return page.percent(percent) + (records == null ? ""
                : page.say(" ou " + records + " enregistrement(s)", " or " + records + " record(s)"));
    }
}
