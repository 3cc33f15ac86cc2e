package com.qlower.loaders.notifier;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Run reports and partners written by hand, as the archiver leaves them, for the email tests. */
final class RunReportFixture {

    static final String RUN_ID = "3f6c1e0a9b2d4c5e8f7a6b5c4d3e2f1a";
    static final ReportLink LINK = new ReportLink(
            "https://qlower-ingest.s3.eu-west-3.amazonaws.com/staging/3f6c1e0a9b2d4c5e8f7a6b5c4d3e2f1a/report.json"
                    + "?X-Amz-Expires=604800&X-Amz-Signature=ab12",
            Instant.parse("2026-12-01T08:00:00Z"));
    /** Values quoted from a file in the failure's errors: the emails must never show them. */
    static final String QUOTED_NAME = "Jean-Baptiste Dupont";
    static final String QUOTED_IBAN = "FR7630006000011234567890188";
    static final String SCRIPT = "<script>alert('x')</script>";

    private String key = "inbox/gestimmo/transactions_20261123.json";
    private FileOutcome outcome = FileOutcome.SUCCEEDED;
    private Counts counts = new Counts(13, 13, 0, 9, 3, 1, 0, 0);
    private ErrorList errors = ErrorList.empty();
    private ErrorList warnings = ErrorList.empty();
    private StepFailure failure;

    private RunReportFixture() {
    }

    static RunReportFixture aReport() {
        return new RunReportFixture();
    }

    /** transactions_20261123.json, 13 records integrated, two categories inferred. */
    static RunReport integrated() {
        return aReport().warnings(
                warning(2, "loyer"), warning(7, "frais_bancaires")).build();
    }

    /**
     * transactions_20261124.json, rejected whole: too many rejected records (a file-level error) and 12 record
     * errors, one of whose messages quotes markup.
     */
    static RunReport rejected() {
        List<FileError> recordErrors = new ArrayList<>(List.of(
                FileError.ofRecord(ErrorCode.IBAN_INVALID, Message.of("la clé de contrôle de l'IBAN est fausse",
                        "the IBAN check digits do not match"), 3, "/bank_account_iban", QUOTED_IBAN),
                FileError.ofRecord(ErrorCode.FIELD_INVALID, Message.of(
                        "libellé refusé : " + SCRIPT, "label refused: " + SCRIPT), 5, "/label", QUOTED_NAME),
                FileError.ofRecord(ErrorCode.MONEY_TOO_MANY_DECIMALS, Message.of(
                        "amount a plus de 2 décimales : un montant est en euros et centimes",
                        "amount has more than 2 decimals"), 8, "/amount", "-56.125"),
                FileError.ofRecord(ErrorCode.VALUE_DATE_TOO_EARLY, Message.of(
                        "value_date précède booked_on de plus de 31 jours",
                        "value_date is more than 31 days before booked_on"), 11, "/value_date", "2026-09-01"),
                FileError.ofRecord(ErrorCode.FIELD_MISSING, Message.of("propriété requise absente : booked_on",
                        "required property missing: booked_on"), 14, "/booked_on", null)));
        for (int i = 0; i < 7; i++) {
            recordErrors.add(FileError.ofRecord(ErrorCode.TRANSACTION_PROPERTY_UNKNOWN, Message.of(
                    "le bien n'a jamais été envoyé : envoyez-le d'abord dans un fichier caracteristiques",
                    "the property was never sent: send it first in a caracteristiques file"),
                    20 + i, "/property_external_id", "PROP-" + QUOTED_NAME));
        }
        FileError tooMany = FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS, Message.of(
                "12 enregistrements sur 40 sont rejetés, au-delà de la tolérance de 5.0 % : rien de ce fichier "
                        + "n'est intégré",
                "12 of 40 records are rejected, above the tolerance of 5.0 %: nothing from this file is integrated"),
                null);
        return aReport().key("inbox/gestimmo/transactions_20261124.json").outcome(FileOutcome.FAILED)
                .counts(new Counts(40, 0, 40, 0, 0, 0, 0, 0))
                .errors(ErrorList.of(List.of(tooMany)).plus(recordErrors))
                .warnings(warning(30, "loyer"))
                .build();
    }

    static FileError warning(long index, String category) {
        return FileError.ofRecord(ErrorCode.CATEGORY_INFERRED, Message.of(
                "pas de catégorie : « " + category + " » déduite du libellé",
                "no category given: inferred '" + category + "' from the label"), index, "/category", category);
    }

    static Partner partner(Partner.Language language) {
        return new Partner("gestimmo", "Gestimmo", language, List.of("ops@gestimmo.example", "it@gestimmo.example"),
                null, null, false, Set.of(Loader.TRANSACTIONS), 5.0);
    }

    RunReportFixture key(String key) {
        this.key = key;
        return this;
    }

    RunReportFixture outcome(FileOutcome outcome) {
        this.outcome = outcome;
        return this;
    }

    RunReportFixture counts(Counts counts) {
        this.counts = counts;
        return this;
    }

    RunReportFixture errors(FileError... errors) {
        return errors(ErrorList.of(List.of(errors)));
    }

    RunReportFixture errors(ErrorList errors) {
        this.errors = errors;
        return this;
    }

    RunReportFixture warnings(FileError... warnings) {
        this.warnings = ErrorList.of(List.of(warnings));
        return this;
    }

    RunReportFixture failure(StepFailure failure) {
        this.failure = failure;
        return this;
    }

    RunReport build() {
        Instant received = Instant.parse("2026-11-24T02:13:00Z");
        return RunReport.builder(RUN_ID, new FileRef("qlower-ingest", key, "v1")).partnerId("gestimmo")
                .loader(Loader.TRANSACTIONS).mode(Mode.SNAPSHOT).snapshotDate(LocalDate.of(2026, 11, 23))
                .sha256("9f2b…").sizeBytes(48_213).outcome(outcome).rejectTolerancePercentOnly(5.0).counts(counts)
                .errors(errors).warnings(warnings).receivedAt(received).validatedAt(received.plusSeconds(4))
                .transformedAt(received.plusSeconds(9))
                .integratedAt(outcome == FileOutcome.SUCCEEDED ? received.plusSeconds(12) : null)
                .finishedAt(received.plusSeconds(14))
                .archivedKey(key.replace("inbox/", outcome == FileOutcome.SUCCEEDED ? "success/" : "failure/"))
                .failure(failure).build();
    }
}
