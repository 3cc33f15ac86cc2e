package com.qlower.loaders.notifier;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.DailySummary;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words of a partner email in one language. Each language writes its own sentences, with its own plurals and
 * its own way of writing numbers and dates, rather than filling one template with translated fragments. Times are
 * Paris times and say so, as on the report page and in the daily summaries: partners are in France.
 */
enum EmailWording {

    FRENCH("fr", Locale.FRENCH) {
        @Override String subject(String fileName, String verdict) {
            return "[Qlower] " + fileName + " : " + verdict;
        }

        @Override String subjectVerdict(FileVerdict verdict, Counts counts) {
            return switch (verdict) {
                case INTEGRATED -> "intégré (" + records(counts.accepted()) + ")";
                case PARTLY_INTEGRATED -> "intégré en partie (" + records(counts.rejected())
                        + plural(counts.rejected(), " rejeté", " rejetés") + " sur " + number(counts.received()) + ")";
                case REJECTED -> "rejeté";
                case NOT_PROCESSED -> "non traité (incident chez Qlower)";
                case IN_PROGRESS -> "en cours de traitement";
            };
        }

        @Override String verdictTitle(FileVerdict verdict) {
            return switch (verdict) {
                case INTEGRATED -> "Fichier intégré";
                case PARTLY_INTEGRATED -> "Fichier intégré en partie";
                case REJECTED -> "Fichier rejeté";
                case NOT_PROCESSED -> "Fichier non traité";
                case IN_PROGRESS -> "Fichier en cours de traitement";
            };
        }

        @Override String verdictSentence(FileVerdict verdict, Counts counts) {
            return switch (verdict) {
                case INTEGRATED -> "Tout le fichier est intégré : " + records(counts.accepted())
                        + plural(counts.accepted(), " accepté", " acceptés") + " sur " + number(counts.received())
                        + ".";
                case PARTLY_INTEGRATED -> "Le fichier est intégré, sauf " + records(counts.rejected())
                        + plural(counts.rejected(), " rejeté", " rejetés") + " sur " + number(counts.received())
                        + plural(counts.rejected(), " : corrigez-le", " : corrigez-les") + " dans un prochain fichier.";
                case REJECTED -> "Rien de ce fichier n’est intégré. Corrigez les erreurs ci-dessous, puis envoyez-le "
                        + "de nouveau.";
                case NOT_PROCESSED -> "Un incident chez Qlower a interrompu le traitement : rien de ce fichier n’est "
                        + "intégré. Le fichier n’est pas en cause, et Qlower peut le traiter de nouveau sans que vous "
                        + "le renvoyiez.";
                case IN_PROGRESS -> "Le traitement du fichier n’est pas terminé.";
            };
        }

        @Override String colon() { return " :"; }
        @Override String brand() { return "Qlower · Fichiers des partenaires"; }
        @Override String nonConformingFileName() { return "fichier au nom non conforme"; }
        @Override String fileLabel() { return "Fichier"; }
        @Override String snapshotDateLabel() { return "Données du"; }
        @Override String receivedAtLabel() { return "Reçu le"; }

        @Override List<String> countLabels() {
            return List.of("Reçus", "Acceptés", "Rejetés", "Insérés", "Mis à jour", "Inchangés", "Retirés",
                    "Effacés");
        }

        @Override String errorsHeading(int listed, long total) {
            return listed == total ? "Erreurs (" + number(total) + ")"
                    : "Les " + listed + " premières erreurs sur " + number(total);
        }

        @Override String otherErrorsInReport() { return "Les autres sont dans le rapport complet."; }

        @Override String recordNumbering() {
            return "Les enregistrements sont numérotés à partir de 0, dans l’ordre du tableau records.";
        }


        @Override String wholeFile() { return "fichier entier"; }

        @Override String warnings(long total) {
            return total == 0 ? PartnerMessage.NO_WARNINGS.message().in(language)
                    : number(total) + plural(total, " avertissement", " avertissements")
                            + " : le détail est dans le rapport complet.";
        }

        @Override String fullReport() { return "Rapport complet"; }
        @Override String openFullReport() { return "Voir le rapport complet"; }
        @Override String linkExpires(Instant at) { return "Ce lien expire le " + dateTime(at) + "."; }
        @Override String linkToLocalFile() { return "Ce lien ouvre le fichier du rapport sur cette machine."; }

        @Override String automaticMessage() {
            return "Message envoyé automatiquement. Pour toute question, écrivez au support Qlower en citant "
                    + "l’identifiant du traitement.";
        }

        @Override String date(LocalDate date) {
            // French writes the first day of a month as an ordinal: « 1er décembre »
            String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
            return day + " " + DateTimeFormatter.ofPattern("MMMM uuuu", locale).format(date);
        }

        @Override String dateTime(Instant at) {
            var paris = at.atZone(DailySummary.ZONE);
            return date(paris.toLocalDate()) + " à " + DateTimeFormatter.ofPattern("HH:mm").format(paris)
                    + " (heure de Paris)";
        }

        private String records(long n) {
            return number(n) + plural(n, " enregistrement", " enregistrements");
        }

        private static String plural(long n, String one, String many) {
            return n <= 1 ? one : many; // French: 0 and 1 take the singular
        }
    },

    ENGLISH("en", Locale.ENGLISH) {
        @Override String subject(String fileName, String verdict) {
            return "[Qlower] " + fileName + ": " + verdict;
        }

        @Override String subjectVerdict(FileVerdict verdict, Counts counts) {
            return switch (verdict) {
                case INTEGRATED -> "integrated (" + records(counts.accepted()) + ")";
                case PARTLY_INTEGRATED -> "partly integrated (" + number(counts.rejected()) + " of "
                        + records(counts.received()) + " rejected)";
                case REJECTED -> "rejected";
                case NOT_PROCESSED -> "not processed (a failure on Qlower's side)";
                case IN_PROGRESS -> "in progress";
            };
        }

        @Override String verdictTitle(FileVerdict verdict) {
            return switch (verdict) {
                case INTEGRATED -> "File integrated";
                case PARTLY_INTEGRATED -> "File partly integrated";
                case REJECTED -> "File rejected";
                case NOT_PROCESSED -> "File not processed";
                case IN_PROGRESS -> "File still in progress";
            };
        }

        @Override String verdictSentence(FileVerdict verdict, Counts counts) {
            return switch (verdict) {
                case INTEGRATED -> "The whole file is integrated: " + number(counts.accepted()) + " of "
                        + records(counts.received()) + " accepted.";
                case PARTLY_INTEGRATED -> "The file is integrated except " + number(counts.rejected()) + " of "
                        + records(counts.received()) + plural(counts.rejected(), ", which was rejected: fix it",
                        ", which were rejected: fix them") + " in a later file.";
                case REJECTED -> "Nothing from this file is integrated. Fix the errors below, then send it again.";
                case NOT_PROCESSED -> "A failure on Qlower's side stopped the processing: nothing from this file is "
                        + "integrated. The file is not at fault, and Qlower can process it again without you "
                        + "sending it.";
                case IN_PROGRESS -> "The file is still being processed.";
            };
        }

        @Override String colon() { return ":"; }
        @Override String brand() { return "Qlower · Partner files"; }
        @Override String nonConformingFileName() { return "file with a non-conforming name"; }
        @Override String fileLabel() { return "File"; }
        @Override String snapshotDateLabel() { return "Data as of"; }
        @Override String receivedAtLabel() { return "Received on"; }

        @Override List<String> countLabels() {
            return List.of("Received", "Accepted", "Rejected", "Inserted", "Updated", "Unchanged", "Retired",
                    "Erased");
        }

        @Override String errorsHeading(int listed, long total) {
            return listed == total ? "Errors (" + number(total) + ")"
                    : "The first " + listed + " of " + number(total) + " errors";
        }

        @Override String otherErrorsInReport() { return "The others are in the full report."; }
        @Override String recordNumbering() { return "Records are numbered from 0, in the order of the records array."; }

        @Override String wholeFile() { return "whole file"; }

        @Override String warnings(long total) {
            return total == 0 ? PartnerMessage.NO_WARNINGS.message().in(language)
                    : number(total) + plural(total, " warning", " warnings") + ": see the full report for details.";
        }

        @Override String fullReport() { return "Full report"; }
        @Override String openFullReport() { return "Open the full report"; }
        @Override String linkExpires(Instant at) { return "This link expires on " + dateTime(at) + "."; }
        @Override String linkToLocalFile() { return "This link opens the report's file on this machine."; }

        @Override String automaticMessage() {
            return "This message is sent automatically. For any question, write to Qlower support quoting the run id.";
        }

        @Override String date(LocalDate date) {
            return DateTimeFormatter.ofPattern("d MMMM uuuu", locale).format(date);
        }

        @Override String dateTime(Instant at) {
            var paris = at.atZone(DailySummary.ZONE);
            return date(paris.toLocalDate()) + " at " + DateTimeFormatter.ofPattern("HH:mm").format(paris)
                    + " (Paris time)";
        }

        private String records(long n) {
            return number(n) + plural(n, " record", " records");
        }

        private static String plural(long n, String one, String many) {
            return n == 1 ? one : many;
        }
    };

    /** The code {@link com.qlower.loaders.errors.Message#in(String)} picks a report's text by. */
    final String language;
    final Locale locale;

    EmailWording(String language, Locale locale) {
        this.language = language;
        this.locale = locale;
    }

    static EmailWording of(Partner.Language language) {
        return language == Partner.Language.EN ? ENGLISH : FRENCH;
    }

    /** A count as the language writes it: 1 234 567 in French (narrow no-break spaces), 1,234,567 in English. */
    String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    // what the report pages say too, drawn from the one catalogue
    String countsHeading() {
        return PartnerMessage.RECORDS.message().in(language);
    }

    String noErrors() {
        return PartnerMessage.NO_ERRORS.message().in(language);
    }

    String record(long index) {
        return PartnerMessage.RECORD_NUMBER.with("index", index).in(language);
    }

    String lineColumn(long line, Long column) {
        return (column == null ? PartnerMessage.LINE.with("line", line)
                : PartnerMessage.LINE_AND_COLUMN.with("line", line, "column", column)).in(language);
    }

    String runIdLabel() {
        return PartnerMessage.RUN_ID.message().in(language);
    }

    abstract String subject(String fileName, String verdict);
    abstract String subjectVerdict(FileVerdict verdict, Counts counts);
    abstract String verdictTitle(FileVerdict verdict);
    abstract String verdictSentence(FileVerdict verdict, Counts counts);
    abstract String colon();
    abstract String brand();
    abstract String nonConformingFileName();
    abstract String fileLabel();
    abstract String snapshotDateLabel();
    abstract String receivedAtLabel();
    /** Received, accepted, rejected, inserted, updated, unchanged, retired, erased: {@link Counts}' order. */
    abstract List<String> countLabels();
    abstract String errorsHeading(int listed, long total);
    abstract String otherErrorsInReport();
    abstract String recordNumbering();
    abstract String wholeFile();
    abstract String warnings(long total);
    abstract String fullReport();
    abstract String openFullReport();
    abstract String linkExpires(Instant at);

    /** Said instead of the expiry under a local run's link: a file on disk does not expire. */
    abstract String linkToLocalFile();
    abstract String automaticMessage();
    abstract String date(LocalDate date);
    abstract String dateTime(Instant at);
}
