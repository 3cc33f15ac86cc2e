package com.qlower.loaders.wording;

import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.Wording;

/**
 * The words of the pages archived beside the reports: a file's report page and a partner's daily summary. The words
 * the pages and the emails both say (records, no errors, a record's number, the run id) are in
 * {@link com.qlower.loaders.errors.PartnerMessage}; placeholders are as {@link Wording} says.
 */
public enum PageWording implements Wording {
    // any page
    PARIS_TIME("${time} (heure de Paris)", "${time} (Paris time)"),
    COUNT_RECEIVED("reçus", "received"),
    COUNT_ACCEPTED("acceptés", "accepted"),
    COUNT_REJECTED("rejetés", "rejected"),
    COUNT_INSERTED("insérés", "inserted"),
    COUNT_UPDATED("mis à jour", "updated"),
    COUNT_UNCHANGED("inchangés", "unchanged"),
    COUNT_RETIRED("retirés", "retired"),
    COUNT_ERASED("effacés", "erased"),
    ARCHIVED_AS("Archivé sous", "Archived as"),
    // a file's report page: how it ended
    REPORT_TITLE("Rapport de traitement — ${file}", "Processing report — ${file}"),
    FILE_INTEGRATED("Fichier intégré.", "File integrated."),
    FILE_INTEGRATED_EXCEPT_REJECTED("Fichier intégré, sauf ${rejected} enregistrement(s) rejeté(s).",
            "File integrated, except ${rejected} rejected record(s)."),
    FILE_NOT_PROCESSED("Fichier non traité : un incident est survenu chez Qlower. Rien n'en a été enregistré, et "
            + "Qlower peut le traiter de nouveau sans que vous le renvoyiez.", "File not processed: something failed "
            + "on Qlower's side. Nothing from it was stored, and Qlower can process it again without you sending it "
            + "anew."),
    FILE_REJECTED("Fichier rejeté : rien n'en a été enregistré. Corrigez-le et envoyez-le de nouveau.",
            "File rejected: nothing from it was stored. Fix it and send it again."),
    FILE_IN_PROGRESS("Fichier en cours de traitement.", "File being processed."),
    // its errors and warnings
    ERRORS_HEADING("Erreurs (${total})", "Errors (${total})"),
    WARNINGS_HEADING("Avertissements (${total})", "Warnings (${total})"),
    FIRST_LISTED("Les ${listed} premiers sur ${total} sont listés ici ; le total les compte tous.",
            "first ${listed} of ${total} listed here; the total counts them all."),
    RECORDS_NUMBERED_FROM_ZERO("Les enregistrements sont numérotés à partir de 0, dans l'ordre du tableau records, "
            + "comme dans les pointeurs JSON (/records/0 est le premier).", "Records are numbered from 0, in the "
            + "order of the records array, as in the JSON pointers (/records/0 is the first)."),
    NUMBER_COLUMN("#", "#"),
    CODE_COLUMN("Code", "Code"),
    LOCATION_COLUMN("Emplacement", "Location"),
    MESSAGE_COLUMN("Message", "Message"),
    WHOLE_FILE("le fichier entier", "the whole file"),
    // the file's details
    THE_FILE("Le fichier", "The file"),
    /** In place of what a file rejected before its envelope was read has not: a loader, a mode, a date. */
    NOT_READ("non lu : le fichier a été rejeté avant", "not read: the file was rejected before"),
    KEY("Clé", "Key"),
    PARTNER("Partenaire", "Partner"),
    LOADER("Type de fichier", "Loader"),
    MODE("Mode", "Mode"),
    SNAPSHOT_DATE("Date de l'instantané", "Snapshot date"),
    SIZE_IN_BYTES("Taille (octets)", "Size (bytes)"),
    SHA_256("SHA-256", "SHA-256"),
    RECEIVED_AT("Reçu le", "Received at"),
    FINISHED_AT("Terminé le", "Finished at"),
    REJECT_TOLERANCE("Tolérance de rejet", "Reject tolerance"),
    DELETION_GUARD("Garde de retrait", "Deletion guard"),
    GUARD_FLOOR("${share} ou ${records} enregistrement(s)", "${share} or ${records} record(s)"),
    MAPPING_PROFILE("Profil de lecture", "Mapping profile"),
    NO_MAPPING_PROFILE("aucun (le format du contrat)", "none (the contract's format)"),
    PROFILE_VERSION("${profile}, version ${version}", "${profile}, version ${version}"),
    FOR_SUPPORT("Pour le support Qlower", "For Qlower's support"),
    SUPPORT_ERROR("Erreur", "Error"),
    SUPPORT_CAUSE("Cause", "Cause"),
    /** The page's last note: the text before the link to the catalogue of error codes, the link, the text after. */
    REPORT_FORMAT_NOTE("Rapport au format ${version} : le rapport JSON archivé à côté de cette page fait foi ; "
            + "chaque code est expliqué dans le ", "Report format ${version}: the JSON report archived beside this "
            + "page is the reference; each code is explained in the "),
    ERROR_CODES_LINK("catalogue des codes d'erreur", "catalogue of error codes"),
    ERROR_CODES_PUBLISHED_BESIDE(" (en anglais), publié à côté de cette page.", ", published beside this page."),
    // a partner's daily summary
    DAILY_TITLE("Fichiers reçus le ${date} — ${partner}", "Files received on ${date} — ${partner}"),
    DAILY_BANNER("${files} fichier(s) reçu(s) : ${succeeded} intégré(s), ${failed} en échec, ${inProgress} en cours ; "
            + "${errors} erreur(s).", "${files} file(s) received: ${succeeded} integrated, ${failed} failed, "
            + "${inProgress} in progress; ${errors} error(s)."),
    DAILY_RECORDS("Enregistrements, tous fichiers confondus", "Records, all files together"),
    DAILY_FILES("Fichiers", "Files"),
    NO_FILE_THAT_DAY("Aucun fichier reçu ce jour-là.", "No file received that day."),
    RECEIVED_AT_PARIS_TIME("Reçu à (heure de Paris)", "Received at (Paris time)"),
    FILE_COLUMN("Fichier", "File"),
    OUTCOME_COLUMN("Issue", "Outcome"),
    ERRORS_COLUMN("erreurs", "errors"),
    FIRST_ERROR_COLUMN("Première erreur", "First error"),
    OUTCOME_INTEGRATED("intégré", "integrated"),
    OUTCOME_FAILED("en échec", "failed"),
    OUTCOME_IN_PROGRESS("en cours", "in progress");

    private final Message template;

    PageWording(String fr, String en) {
        this.template = new Message(fr, en);
    }

    @Override
    public Message template() {
        return template;
    }
}
