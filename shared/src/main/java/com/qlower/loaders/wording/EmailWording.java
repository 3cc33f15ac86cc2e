package com.qlower.loaders.wording;

import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.Wording;

/**
 * The words of the email that tells a partner what became of a file. Each language writes its own sentences, with
 * its own plurals ({@code ${n|one|many}}: French takes the singular for 0 and 1, English for 1 alone) and its own
 * way of writing numbers ({@link Wording.Count}) and dates ({@link Written}), rather than filling one template with
 * translated fragments. The words the emails and the report pages both say are in
 * {@link com.qlower.loaders.errors.PartnerMessage}.
 */
public enum EmailWording implements Wording {
    SUBJECT("[Qlower] ${file} : ${verdict}", "[Qlower] ${file}: ${verdict}"),
    /** Said in a subject instead of a file name that is not of the contract's shape. */
    NON_CONFORMING_FILE_NAME("fichier au nom non conforme", "file with a non-conforming name"),
    // what became of the file: in the subject, as the banner's title, as the banner's sentence
    SUBJECT_INTEGRATED("intégré (${accepted} ${accepted|enregistrement|enregistrements})",
            "integrated (${accepted} ${accepted|record|records})"),
    SUBJECT_PARTLY_INTEGRATED("intégré en partie (${rejected} ${rejected|enregistrement rejeté|enregistrements "
            + "rejetés} sur ${received})", "partly integrated (${rejected} of ${received} ${received|record|records} "
            + "rejected)"),
    SUBJECT_REJECTED("rejeté", "rejected"),
    SUBJECT_NOT_PROCESSED("non traité (incident chez Qlower)", "not processed (a failure on Qlower's side)"),
    SUBJECT_IN_PROGRESS("en cours de traitement", "in progress"),
    TITLE_INTEGRATED("Fichier intégré", "File integrated"),
    TITLE_PARTLY_INTEGRATED("Fichier intégré en partie", "File partly integrated"),
    TITLE_REJECTED("Fichier rejeté", "File rejected"),
    TITLE_NOT_PROCESSED("Fichier non traité", "File not processed"),
    TITLE_IN_PROGRESS("Fichier en cours de traitement", "File still in progress"),
    SENTENCE_INTEGRATED("Tout le fichier est intégré : ${accepted} ${accepted|enregistrement accepté|enregistrements "
            + "acceptés} sur ${received}.", "The whole file is integrated: ${accepted} of ${received} "
            + "${received|record|records} accepted."),
    SENTENCE_PARTLY_INTEGRATED("Le fichier est intégré, sauf ${rejected} ${rejected|enregistrement rejeté|"
            + "enregistrements rejetés} sur ${received} : ${rejected|corrigez-le|corrigez-les} dans un prochain "
            + "fichier.", "The file is integrated except ${rejected} of ${received} ${received|record|records}, "
            + "${rejected|which was rejected: fix it|which were rejected: fix them} in a later file."),
    SENTENCE_REJECTED("Rien de ce fichier n’est intégré. Corrigez les erreurs ci-dessous, puis envoyez-le de nouveau.",
            "Nothing from this file is integrated. Fix the errors below, then send it again."),
    SENTENCE_NOT_PROCESSED("Un incident chez Qlower a interrompu le traitement : rien de ce fichier n’est intégré. "
            + "Le fichier n’est pas en cause, et Qlower peut le traiter de nouveau sans que vous le renvoyiez.",
            "A failure on Qlower's side stopped the processing: nothing from this file is integrated. The file is "
                    + "not at fault, and Qlower can process it again without you sending it."),
    SENTENCE_IN_PROGRESS("Le traitement du fichier n’est pas terminé.", "The file is still being processed."),
    // the card
    /** How the language sets a colon after a label. */
    COLON(" :", ":"),
    BRAND("Qlower · Fichiers des partenaires", "Qlower · Partner files"),
    FILE_LABEL("Fichier", "File"),
    SNAPSHOT_DATE_LABEL("Données du", "Data as of"),
    RECEIVED_AT_LABEL("Reçu le", "Received on"),
    DATE_AT_TIME("${date} à ${time} (heure de Paris)", "${date} at ${time} (Paris time)"),
    COUNT_RECEIVED("Reçus", "Received"),
    COUNT_ACCEPTED("Acceptés", "Accepted"),
    COUNT_REJECTED("Rejetés", "Rejected"),
    COUNT_INSERTED("Insérés", "Inserted"),
    COUNT_UPDATED("Mis à jour", "Updated"),
    COUNT_UNCHANGED("Inchangés", "Unchanged"),
    COUNT_RETIRED("Retirés", "Retired"),
    COUNT_ERASED("Effacés", "Erased"),
    ERRORS_HEADING("Erreurs (${total})", "Errors (${total})"),
    FIRST_ERRORS_HEADING("Les ${listed} premières erreurs sur ${total}", "The first ${listed} of ${total} errors"),
    OTHER_ERRORS_IN_REPORT("Les autres sont dans le rapport complet.", "The others are in the full report."),
    RECORD_NUMBERING("Les enregistrements sont numérotés à partir de 0, dans l’ordre du tableau records.",
            "Records are numbered from 0, in the order of the records array."),
    WHOLE_FILE("fichier entier", "whole file"),
    WARNINGS("${total} ${total|avertissement|avertissements} : le détail est dans le rapport complet.",
            "${total} ${total|warning|warnings}: see the full report for details."),
    FULL_REPORT("Rapport complet", "Full report"),
    OPEN_FULL_REPORT("Voir le rapport complet", "Open the full report"),
    LINK_EXPIRES("Ce lien expire le ${time}.", "This link expires on ${time}."),
    /** Said instead of the expiry under a local run's link: a file on disk does not expire. */
    LINK_TO_LOCAL_FILE("Ce lien ouvre le fichier du rapport sur cette machine.",
            "This link opens the report's file on this machine."),
    AUTOMATIC_MESSAGE("Message envoyé automatiquement. Pour toute question, écrivez au support Qlower en citant "
            + "l’identifiant du traitement.", "This message is sent automatically. For any question, write to "
            + "Qlower support quoting the run id.");

    private final Message template;

    EmailWording(String fr, String en) {
        this.template = new Message(fr, en);
    }

    @Override
    public Message template() {
        return template;
    }
}
