package com.qlower.loaders.notifier;

import static com.qlower.loaders.notifier.RunReportFixture.LINK;
import static com.qlower.loaders.notifier.RunReportFixture.aReport;
import static com.qlower.loaders.notifier.RunReportFixture.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.partners.Partner.Language;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The email of one file: what it says, in which words, and what it never shows. */
class EmailRendererTest {

    private final EmailRenderer renderer = new EmailRenderer();

    @Test
    void subject_ofAnIntegratedFile_namesTheFileAndItsRecords_inThePartnersLanguage() {
        RunReport report = RunReportFixture.integrated();

        assertThat(render(report, Language.FR).subject())
                .isEqualTo("[Qlower] transactions_20261123.json : intégré (13 enregistrements)");
        assertThat(render(report, Language.EN).subject())
                .isEqualTo("[Qlower] transactions_20261123.json: integrated (13 records)");
    }

    @Test
    void subject_ofARejectedFile_saysRejected() {
        RunReport report = RunReportFixture.rejected();

        assertThat(render(report, Language.EN).subject()).isEqualTo("[Qlower] transactions_20261124.json: rejected");
        assertThat(render(report, Language.FR).subject()).isEqualTo("[Qlower] transactions_20261124.json : rejeté");
    }

    @Test
    void subject_ofAFileIntegratedButForSomeRecords_countsTheRejected() {
        RunReport report = aReport().counts(new Counts(13, 12, 1, 12, 0, 0, 0, 0))
                .errors(FileError.ofRecord(ErrorCode.FIELD_MISSING, Message.of("absent", "missing"), 4, "/label", null))
                .build();

        assertThat(render(report, Language.FR).subject())
                .isEqualTo("[Qlower] transactions_20261123.json : intégré en partie (1 enregistrement rejeté sur 13)");
        assertThat(render(report, Language.EN).subject())
                .isEqualTo("[Qlower] transactions_20261123.json: partly integrated (1 of 13 records rejected)");
    }

    @Test
    void subject_ofAFileQlowerFailedToProcess_doesNotBlameTheFile() {
        RunReport report = aReport().outcome(FileOutcome.FAILED).counts(new Counts(13, 0, 13, 0, 0, 0, 0, 0))
                .errors(FileError.ofFile(ErrorCode.PIPELINE_ERROR, Message.of("incident", "failure"), null))
                .failure(new StepFailure("TransientFailure", "database unreachable")).build();

        Email email = render(report, Language.EN);

        assertThat(email.subject()).isEqualTo(
                "[Qlower] transactions_20261123.json: not processed (a failure on Qlower's side)");
        assertThat(email.text()).contains("The file is not at fault").doesNotContain("database unreachable");
    }

    @Test
    void subject_ofAFileWithANonConformingName_leavesTheNameOut() {
        RunReport report = aReport().key("inbox/gestimmo/releve Jean Dupont.json").outcome(FileOutcome.FAILED)
                .errors(FileError.ofFile(ErrorCode.KEY_INVALID, Message.of("nom", "name"), null)).build();

        Email email = render(report, Language.FR);

        assertThat(email.subject()).isEqualTo("[Qlower] fichier au nom non conforme : rejeté");
        assertThat(email.text()).contains("Fichier : releve Jean Dupont.json");
    }

    @Test
    void email_goesToEveryContactOfThePartner() {
        assertThat(render(RunReportFixture.integrated(), Language.FR).to())
                .containsExactly("ops@gestimmo.example", "it@gestimmo.example");
    }

    @Test
    void body_givesEveryCount_inBothParts() {
        RunReport report = aReport().counts(new Counts(1_234_567, 1_234_560, 7, 11, 22, 33, 44, 55)).build();

        Email en = render(report, Language.EN);
        assertThat(en.text()).containsSubsequence("Received", "1,234,567", "Accepted", "1,234,560", "Rejected", "7",
                "Inserted", "11", "Updated", "22", "Unchanged", "33", "Retired", "44", "Erased", "55");
        assertThat(en.html()).containsSubsequence("Received", "1,234,567", "Accepted", "1,234,560", "Rejected",
                "7", "Inserted", "11", "Updated", "22", "Unchanged", "33", "Retired", "44", "Erased", "55");
        Email fr = render(report, Language.FR);
        assertThat(fr.text()).containsSubsequence("Reçus", "1\u202f234\u202f567", "Acceptés", "Rejetés", "Insérés",
                "Mis à jour", "Inchangés", "Retirés", "Effacés", "55");
    }

    @Test
    void body_listsTheFirstTenErrors_andSaysTheOthersAreInTheReport() {
        FileError[] errors = IntStream.range(0, 15).mapToObj(i -> FileError.ofRecord(ErrorCode.FIELD_MISSING,
                Message.of("manque n° " + i, "missing no. " + i), i, "/label", null)).toArray(FileError[]::new);
        RunReport report = aReport().outcome(FileOutcome.FAILED).errors(errors).build();

        Email email = render(report, Language.EN);

        for (String body : new String[] {email.text(), email.html()}) {
            assertThat(body).contains("The first 10 of 15 errors", "missing no. 9", "The others are in the full report")
                    .doesNotContain("missing no. 10");
        }
    }

    @Test
    void body_locatesEachError_byRecordAndPointer_byLineAndColumn_orAsTheWholeFile() {
        RunReport report = aReport().outcome(FileOutcome.FAILED).errors(
                FileError.ofRecord(ErrorCode.FIELD_INVALID, Message.of("a", "a"), 12, "/amount", null),
                FileError.ofRecord(ErrorCode.RECORD_NOT_OBJECT, Message.of("b", "b"), 13, null, null),
                FileError.atSyntax(ErrorCode.JSON_MALFORMED, Message.of("c", "c"), 3, 17),
                FileError.ofFile(ErrorCode.RECORD_COUNT_MISMATCH, Message.of("d", "d"), null)).build();

        String fr = render(report, Language.FR).text();
        String en = render(report, Language.EN).text();

        assertThat(fr).contains("FIELD_INVALID · enregistrement 12 · /records/12/amount",
                "RECORD_NOT_OBJECT · enregistrement 13\n", "JSON_MALFORMED · ligne 3, colonne 17",
                "RECORD_COUNT_MISMATCH · fichier entier", "numérotés à partir de 0");
        assertThat(en).contains("FIELD_INVALID · record 12 · /records/12/amount", "RECORD_NOT_OBJECT · record 13\n",
                "JSON_MALFORMED · line 3, column 17", "RECORD_COUNT_MISMATCH · whole file", "numbered from 0");
    }

    @Test
    void body_showsEachErrorsMessage_inThePartnersLanguage_neverItsValue() {
        RunReport report = RunReportFixture.rejected();

        Email fr = render(report, Language.FR);
        Email en = render(report, Language.EN);

        assertThat(fr.text()).contains("la clé de contrôle de l'IBAN est fausse").doesNotContain("IBAN check digits");
        assertThat(en.text()).contains("the IBAN check digits do not match").doesNotContain("clé de contrôle");
        for (Email email : new Email[] {fr, en}) {
            assertThat(email.subject() + email.text() + email.html())
                    .doesNotContain(RunReportFixture.QUOTED_IBAN, RunReportFixture.QUOTED_NAME, "56.125");
        }
    }

    @Test
    void body_givesTheWarningsCount_notTheWarnings() {
        RunReport report = RunReportFixture.integrated();

        Email fr = render(report, Language.FR);
        Email en = render(report, Language.EN);

        assertThat(fr.text()).contains("2 avertissements : le détail est dans le rapport complet.")
                .doesNotContain("déduite du libellé");
        assertThat(en.html()).contains("2 warnings: see the full report for details.")
                .doesNotContain("inferred");
        assertThat(render(aReport().build(), Language.EN).text()).contains("No warnings.");
    }

    @Test
    void body_linksTheFullReport_andSaysWhenTheLinkExpires_inUtc() {
        RunReport report = RunReportFixture.integrated();

        Email fr = render(report, Language.FR);
        Email en = render(report, Language.EN);

        assertThat(fr.text()).contains(LINK.url(), "Ce lien expire le 1er décembre 2026 à 09:00 (heure de Paris).");
        assertThat(en.text()).contains(LINK.url(), "This link expires on 1 December 2026 at 09:00 (Paris time).");
        assertThat(en.html()).contains("href=\"" + LINK.url().replace("&", "&amp;") + "\"")
                .doesNotContain("X-Amz-Expires=604800&X-Amz");
    }

    @Test
    void body_givesTheRunId_toQuoteToSupport() {
        Email fr = render(RunReportFixture.integrated(), Language.FR);

        assertThat(fr.text()).contains("Identifiant du traitement : " + RunReportFixture.RUN_ID);
        assertThat(fr.html()).contains(RunReportFixture.RUN_ID);
    }

    @Test
    void html_escapesEveryTextFromTheReport() {
        RunReport report = RunReportFixture.rejected();

        String html = render(report, Language.EN).html();

        assertThat(html).doesNotContain("<script")
                .contains("label refused: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void html_fetchesNothing_andKeepsItsStylesInline() {
        String html = render(RunReportFixture.rejected(), Language.FR).html();

        assertThat(html).doesNotContain("<img", "<link", "<style", "url(", "src=").contains("<html lang=\"fr\">");
        assertThat(html.replace(LINK.url().replace("&", "&amp;"), "")).doesNotContain("http");
    }

    @Test
    void emailsOfBothLanguages_sayTheSameThings_inTheirOwnWords() {
        RunReport report = RunReportFixture.rejected();

        Email fr = render(report, Language.FR);
        Email en = render(report, Language.EN);

        assertThat(fr.text()).contains("FICHIER REJETÉ", "Rien de ce fichier n’est intégré", "Enregistrements",
                "Les 10 premières erreurs sur 13", "Données du : 23 novembre 2026")
                .doesNotContain("rejected", "Records");
        assertThat(en.text()).contains("FILE REJECTED", "Nothing from this file is integrated", "Records",
                "The first 10 of 13 errors", "Data as of: 23 November 2026")
                .doesNotContain("rejeté", "Enregistrements");
    }

    @Test
    void reportLink_mustBeAnHttpUrl() {
        assertThatThrownBy(() -> new ReportLink("javascript:alert(1)", Instant.parse("2026-12-01T08:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Email render(RunReport report, Language language) {
        return renderer.render(report, partner(language), LINK);
    }
}
