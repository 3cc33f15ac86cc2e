package com.qlower.loaders.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.testing.SampleReports;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The report as a page: in the partner's language, every listed error located, nothing unescaped. */
class ReportPageTest {

    @Test
    void frenchPage_ofAFailedFile_showsTheOutcomeCountsAndEveryErrorAndWarningLocated() {
        String page = ReportPage.render(SampleReports.everyField(), Partner.Language.FR);

        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")
                .contains("<title>Rapport de traitement — transactions_20261123.json</title>")
                .contains("<p class=\"outcome FAILED\">Fichier non traité : un incident est survenu chez Qlower.")
                .contains("<td class=\"n\">13</td><td class=\"n\">0</td><td class=\"n\">13</td>")
                .contains("<h2>Erreurs (3)</h2>", "<h2>Avertissements (1)</h2>")
                .contains("<td>1</td><td><a href=\"error-codes.html#PIPELINE_ERROR\"><code>PIPELINE_ERROR</code></a>"
                        + "</td><td>le fichier entier</td><td>le traitement a échoué</td>")
                .contains("<a href=\"error-codes.html#MONEY_TOO_MANY_DECIMALS\"><code>MONEY_TOO_MANY_DECIMALS</code>"
                        + "</a></td><td>enregistrement 12 · /records/12/amount</td>"
                        + "<td>amount a plus de 2 décimales</td>")
                .contains("<td>ligne 3, colonne 17</td>")
                .contains("<a href=\"error-codes.html#CATEGORY_INFERRED\"><code>CATEGORY_INFERRED</code></a></td>"
                        + "<td>enregistrement 4 · /records/4/category</td>")
                .contains("Pour le support Qlower", "com.qlower.loaders.errors.TransientFailure")
                .contains("23/11/2026 03:14:07 (heure de Paris)")
                .doesNotContain("the pipeline could not process", "first 1000");
        assertThat(page).as("quoted values are left out").doesNotContain("12.345");
        assertThat(page).endsWith("</body>\n</html>\n");
    }

    @Test
    void englishPage_saysTheSameInEnglish() {
        String page = ReportPage.render(SampleReports.everyField(), Partner.Language.EN);

        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<p class=\"outcome FAILED\">File not processed: something failed on Qlower&#39;s side.")
                .contains("<h2>Errors (3)</h2>", "<h2>Warnings (1)</h2>")
                .contains("<td>record 12 · /records/12/amount</td><td>amount has more than 2 decimals</td>")
                .contains("<td>line 3, column 17</td>", "<td>the whole file</td>")
                .contains("2026-11-23 03:14:07 (Paris time)")
                .doesNotContain("décimales", "Erreurs");
    }

    @Test
    void page_statesThePartnersGuards_shareAndFloor_inItsLanguage() {
        String english = ReportPage.render(SampleReports.everyField(), Partner.Language.EN);
        String french = ReportPage.render(SampleReports.everyField(), Partner.Language.FR);
        String withoutFloors = ReportPage.render(SampleReports.succeeded("gestimmo", "caracteristiques_20261123.json",
                5), Partner.Language.EN);

        assertThat(english).contains("Reject tolerance</th><td>5 % or 2 record(s)</td>",
                "Deletion guard</th><td>10 % or 5 record(s)</td>");
        assertThat(french).contains("Tolérance de rejet</th><td>5 % ou 2 enregistrement(s)</td>",
                "Garde de retrait</th><td>10 % ou 5 enregistrement(s)</td>");
        assertThat(withoutFloors).as("a report written before floors").contains("Reject tolerance</th><td>5 %</td>")
                .doesNotContain("Deletion guard");
    }

    @Test
    void frenchPage_writesDatesAndPercentagesTheFrenchWay_andSaysHowRecordsAreNumbered() {
        RunReport report = SampleReports.everyField();
        RunReport withAHalfTolerance = report.toBuilder().rejectTolerancePercentOnly(2.5).deletionGuard(null)
                .profile(null).build();

        String french = ReportPage.render(withAHalfTolerance, Partner.Language.FR);
        String english = ReportPage.render(withAHalfTolerance, Partner.Language.EN);

        assertThat(french).contains("<th scope=\"row\">Date de l&#39;instantané</th><td>23/11/2026</td>",
                        "<th scope=\"row\">Tolérance de rejet</th><td>2,5 %</td>",
                        "Les enregistrements sont numérotés à partir de 0, dans l&#39;ordre du tableau records")
                .doesNotContain(">2026-11-23<", "2.5 %");
        assertThat(english).contains("<th scope=\"row\">Snapshot date</th><td>2026-11-23</td>",
                "<th scope=\"row\">Reject tolerance</th><td>2.5 %</td>", "Records are numbered from 0");
        assertThat(ReportPage.render(SampleReports.everyField(), Partner.Language.FR)).as("a whole number")
                .contains("<td>5 % ou 2 enregistrement(s)</td>").doesNotContain("5.0 %", "5,0 %");
    }

    @Test
    void codesAndIdentifiers_areCode_thatNeverBreaksMidWord_andTheRestIsText() {
        String page = ReportPage.render(SampleReports.everyField(), Partner.Language.EN);

        assertThat(page).doesNotContain("break-all").contains("overflow-wrap:break-word")
                .contains("<th scope=\"row\">Key</th><td><code>inbox/gestimmo/transactions_20261123.json</code>")
                .contains("<th scope=\"row\">Partner</th><td>gestimmo</td>");
    }

    @Test
    void succeededFile_saysIntegrated_andThatThereIsNoError() {
        String page = ReportPage.render(SampleReports.succeeded("gestimmo", "caracteristiques_20261123.json", 5),
                Partner.Language.EN);

        assertThat(page).contains("<p class=\"outcome SUCCEEDED\">File integrated.</p>")
                .contains("<h2>Errors (0)</h2>\n<p>No errors.</p>", "<h2>Warnings (0)</h2>\n<p>No warnings.</p>")
                .doesNotContain("For Qlower&#39;s support");
    }

    @Test
    void everyTextFromOutside_isEscaped() {
        RunReport report = SampleReports.everyField();
        FileError hostile = FileError.ofRecord(ErrorCode.FIELD_INVALID,
                Message.of("<script>alert('fr')</script>", "<img src=x onerror=\"alert(1)\">&"), 0, "/label", null);
        RunReport withHostileText = report.toBuilder().file(new FileRef("b", "inbox/gestimmo/<b>x</b>.json", null))
                .errors(ErrorList.of(List.of(hostile))).build();

        String french = ReportPage.render(withHostileText, Partner.Language.FR);
        String english = ReportPage.render(withHostileText, Partner.Language.EN);

        assertThat(french).doesNotContain("<script>", "<b>x</b>")
                .contains("&lt;script&gt;alert(&#39;fr&#39;)&lt;/script&gt;", "&lt;b&gt;x&lt;/b&gt;.json");
        assertThat(english).doesNotContain("<img")
                .contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;");
    }

    @Test
    void truncatedList_listsTheFirstThousand_andSaysOfHowMany() {
        List<FileError> errors = LongStream.range(0, 1_500).mapToObj(i -> FileError.ofRecord(
                ErrorCode.FIELD_MISSING, Message.of("manque", "missing"), i, "/amount", null)).toList();
        RunReport report = SampleReports.everyField().withTransformation(StepOutcome.REJECTED,
                new Counts(1_500, 0, 1_500, 0, 0, 0, 0), ErrorList.of(errors), ErrorList.empty(),
                SampleReports.RECEIVED_AT);

        String english = ReportPage.render(report, Partner.Language.EN);
        String french = ReportPage.render(report, Partner.Language.FR);

        assertThat(english).contains("<h2>Errors (1500)</h2>", "first 1000 of 1500 listed here")
                .contains("<td>1000</td><td><a href=\"error-codes.html#FIELD_MISSING\"><code>FIELD_MISSING</code></a>"
                        + "</td><td>record 999 · /records/999/amount</td>")
                .doesNotContain("<td>1001</td>", "record 1000 ·");
        assertThat(english.split("><code>FIELD_MISSING</code></a>", -1)).hasSize(1_001);
        assertThat(french).contains("Les 1000 premiers sur 1500 sont listés ici");
    }

    @Test
    void anErrorAtALineWithoutAColumn_isLocatedAtItsLine_asTheEmailSaysIt() {
        FileError lineOnly = new FileError(ErrorCode.JSON_MALFORMED, Message.of("JSON mal formé", "malformed JSON"),
                null, null, 3L, null, null);
        RunReport report = SampleReports.everyField().withTransformation(StepOutcome.REJECTED,
                new Counts(1, 0, 1, 0, 0, 0, 0, 0), ErrorList.of(List.of(lineOnly)), ErrorList.empty(),
                SampleReports.RECEIVED_AT);

        assertThat(ReportPage.render(report, Partner.Language.FR)).contains("<td>ligne 3</td>")
                .doesNotContain("colonne null");
        assertThat(ReportPage.render(report, Partner.Language.EN)).contains("<td>line 3</td>");
    }

    @Test
    void pageOfAFileRejectedBeforeItsEnvelopeWasRead_saysWhatWasNotRead_ratherThanLeavingRowsOut() {
        RunReport keyRejected = RunReport.builder(SampleReports.RUN_ID, new FileRef("qlower-ingest",
                        "inbox/gestimmo/releve novembre.json", null)).partnerId("gestimmo").sizeBytes(960)
                .outcome(FileOutcome.FAILED).rejectTolerancePercentOnly(5.0).errors(ErrorList.of(List.of(
                        FileError.ofFile(ErrorCode.KEY_INVALID, Message.of("nom invalide", "invalid name"),
                                "inbox/gestimmo/x")))).receivedAt(SampleReports.RECEIVED_AT)
                .finishedAt(SampleReports.RECEIVED_AT).archivedKey("failure/gestimmo/releve novembre.0123456789ab.json")
                .build();

        String french = ReportPage.render(keyRejected, Partner.Language.FR);
        String english = ReportPage.render(keyRejected, Partner.Language.EN);

        for (String row : List.of("Type de fichier", "Mode", "Date de l&#39;instantané", "SHA-256")) {
            assertThat(french).as(row).contains("<th scope=\"row\">" + row
                    + "</th><td>non lu : le fichier a été rejeté avant</td>");
        }
        assertThat(english).contains("<th scope=\"row\">Mode</th><td>not read: the file was rejected before</td>");
        assertThat(french).doesNotContain("enregistrements sont numérotés").as("no record is located");
    }

    @Test
    void everyCodeOnAPage_linksItsExplanation_inTheCataloguePublishedBesideIt() {
        String page = ReportPage.render(SampleReports.everyField(), Partner.Language.FR);
        String catalogue = ErrorCodesPage.page();

        assertThat(page).contains("<a href=\"error-codes.html\">catalogue des codes d&#39;erreur</a> (en anglais), "
                + "publié à côté de cette page.");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(catalogue).as("the catalogue explains " + code).contains("<tr id=\"" + code + "\">");
        }
        assertThat(catalogue).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<h1>Error codes (contract v1)</h1>", "<th>Code</th><th>Raised when</th>",
                        "<code>KEY_INVALID</code>", "<strong>FILE</strong>")
                .doesNotContain("](", "**", "|---", "partner-guide.md\"");
    }

    @Test
    void page_neverBreaksACodeOrAnIdentifierInTheMiddleOfAWord_unlessItCannotFit() {
        String page = ReportPage.render(SampleReports.everyField(), Partner.Language.FR);

        assertThat(page).doesNotContain("break-all", "word-break")
                .contains("code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;"
                        + "overflow-wrap:break-word}")
                .as("only codes and identifiers are monospace").contains("body{font-family:system-ui");
    }
}
