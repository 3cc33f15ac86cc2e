package com.qlower.loaders.pages;

import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.report.RecordedRun;
import com.qlower.loaders.steps.FileOutcome;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A partner's day as a self-contained page: the totals, then each file with its outcome and first error. */
public final class DailySummaryPage {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private DailySummaryPage() {
    }

    public static String render(DailySummary summary, Partner.Language language) {
        String date = language == Partner.Language.EN ? summary.date().toString()
                : FRENCH_DATE.format(summary.date());
        HtmlPage page = new HtmlPage(language, HtmlPage.in(language, "Fichiers reçus le " + date + " — ",
                "Files received on " + date + " — ") + summary.partnerId());
        FileOutcome state = summary.failed() > 0 ? FileOutcome.FAILED
                : summary.inProgress() > 0 || summary.filesReceived() == 0 ? FileOutcome.IN_PROGRESS
                : FileOutcome.SUCCEEDED;
        page.banner(state, page.say(summary.filesReceived() + " fichier(s) reçu(s) : " + summary.succeeded()
                        + " intégré(s), " + summary.failed() + " en échec, " + summary.inProgress() + " en cours ; "
                        + summary.errorCount() + " erreur(s).",
                summary.filesReceived() + " file(s) received: " + summary.succeeded() + " integrated, "
                        + summary.failed() + " failed, " + summary.inProgress() + " in progress; "
                        + summary.errorCount() + " error(s)."));
        page.heading(page.say("Enregistrements, tous fichiers confondus", "Records, all files together"))
                .counts(summary.counts());
        page.heading(page.say("Fichiers", "Files"));
        if (summary.files().isEmpty()) {
            page.paragraph(page.say("Aucun fichier reçu ce jour-là.", "No file received that day."));
            return page.end();
        }
        List<List<String>> rows = new ArrayList<>();
        for (RecordedRun file : summary.files()) {
            rows.add(List.of(page.time(file.receivedAt()), PartnerFileName.fileNameOf(file.objectKey()),
                    file.outcome().name(), Long.toString(file.counts().received()),
                    Long.toString(file.counts().accepted()), Long.toString(file.counts().rejected()),
                    Long.toString(file.errorCount()), file.firstError() == null ? "" : file.firstError().name(),
                    file.archivedKey() == null ? "" : file.archivedKey()));
        }
        page.table(List.of(page.say("Reçu le", "Received at"), page.say("Fichier", "File"),
                page.say("Issue", "Outcome"), page.say("reçus", "received"), page.say("acceptés", "accepted"),
                page.say("rejetés", "rejected"), page.say("erreurs", "errors"),
                page.say("Première erreur", "First error"), page.say("Archivé sous", "Archived as")),
                rows, List.of(1, 2, 7, 8));
        return page.end();
    }
}
