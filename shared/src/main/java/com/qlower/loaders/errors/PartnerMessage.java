package com.qlower.loaders.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every message Qlower writes to a partner about its files, in French and in English: the catalogue the contract's
 * checks and the steps draw from, so the reports, their pages, the emails and {@code ./loaders validate} all say
 * the same; the report pages and the emails also take from it the words they both say. Each message names the
 * error codes it explains (none for words that are no error). Placeholders are as {@link Wording} says.
 */
public enum PartnerMessage implements Wording {
    // the object key
    KEY_TOO_LONG("la clé dépasse ${max} octets", "the key is longer than ${max} bytes", ErrorCode.KEY_TOO_LONG),
    KEY_CONTROL_CHARACTERS("la clé contient des caractères de contrôle", "the key contains control characters",
            ErrorCode.KEY_INVALID),
    KEY_OUTSIDE_INBOX("le fichier n'est pas déposé sous inbox/", "the file is not under inbox/",
            ErrorCode.KEY_INVALID),
    KEY_PATTERN("la clé doit être de la forme inbox/votre-identifiant/transactions_20261123.json, sans sous-dossier",
            "the key must look like inbox/your-partner-id/transactions_20261123.json, with no sub-folder",
            ErrorCode.KEY_INVALID),
    KEY_PARTNER_FOLDER("le dossier du partenaire doit compter 3 à 40 minuscules, chiffres ou tirets",
            "the partner folder must be 3 to 40 lower-case letters, digits or hyphens", ErrorCode.KEY_INVALID),
    KEY_FILE_NAME("le nom du fichier doit être de la forme transactions_20261123.json : le chargeur "
            + "(caracteristiques, transactions ou documents), la date AAAAMMJJ, puis _01, _02… pour une correction",
            "the file name must look like transactions_20261123.json: the loader (caracteristiques, transactions or "
                    + "documents), the date YYYYMMDD, then _01, _02… for a correction", ErrorCode.KEY_INVALID),
    KEY_UNKNOWN_LOADER("chargeur inconnu « ${loader} » : caracteristiques, transactions ou documents attendu",
            "unknown loader '${loader}': expected caracteristiques, transactions or documents",
            ErrorCode.KEY_UNKNOWN_LOADER),
    KEY_INVALID_DATE("« ${date} » n'est pas une date du calendrier", "'${date}' is not a calendar date",
            ErrorCode.KEY_INVALID_DATE),
    // the partner's registration
    PARTNER_UNKNOWN("le partenaire « ${partner} » n'est pas enregistré chez Qlower : vérifiez le dossier de dépôt, "
            + "ou contactez Qlower",
            "partner '${partner}' is not registered with Qlower: check the inbox folder, or contact Qlower",
            ErrorCode.PARTNER_UNKNOWN),
    LOADER_NOT_ALLOWED("le partenaire « ${partner} » n'est pas autorisé à envoyer des fichiers ${loader} : "
            + "contactez Qlower", "partner '${partner}' may not send ${loader} files: contact Qlower",
            ErrorCode.LOADER_NOT_ALLOWED),
    // the bytes
    FILE_EMPTY("le fichier ne contient aucun JSON", "the file holds no JSON", ErrorCode.FILE_EMPTY),
    FILE_TOO_LARGE("le fichier fait ${size} octets, au-delà de la limite de ${limit} : découpez-le",
            "the file is ${size} bytes, above the limit of ${limit}: split it", ErrorCode.FILE_TOO_LARGE),
    ENCODING_NOT_UTF8("le fichier n'est pas en UTF-8 (il semble en UTF-16 ou UTF-32) : exportez-le en UTF-8",
            "the file is not UTF-8 (it looks like UTF-16 or UTF-32): export it as UTF-8", ErrorCode.ENCODING_NOT_UTF8),
    INVALID_UTF8("le fichier contient des octets qui ne sont pas de l'UTF-8 valide : exportez-le en UTF-8",
            "the file holds bytes that are not valid UTF-8: export it as UTF-8", ErrorCode.INVALID_UTF8),
    // the JSON: the parser's own words say where and what, the partner also gets the rule in their language
    INVALID_UTF8_IN_JSON("octets UTF-8 invalides : ${detail}", "invalid UTF-8 bytes: ${detail}",
            ErrorCode.INVALID_UTF8),
    JSON_MALFORMED("JSON mal formé : ${detail}", "malformed JSON: ${detail}", ErrorCode.JSON_MALFORMED),
    JSON_TRUNCATED("le JSON s'arrête avant sa fin : le fichier est-il tronqué ? ${detail}",
            "the JSON ends before it is complete: is the file truncated? ${detail}", ErrorCode.JSON_TRUNCATED),
    JSON_TRAILING_CONTENT("du contenu suit la fin de l'enveloppe", "content after the end of the envelope",
            ErrorCode.JSON_TRAILING_CONTENT),
    JSON_DUPLICATE_KEY("clé en double dans un objet JSON : ${detail}", "duplicate key in a JSON object: ${detail}",
            ErrorCode.JSON_DUPLICATE_KEY),
    JSON_LIMIT_EXCEEDED("une limite du contrat est dépassée : ${detail}", "a limit of the contract is exceeded: ${detail}",
            ErrorCode.JSON_LIMIT_EXCEEDED),
    // the envelope
    ENVELOPE_NOT_OBJECT("le fichier doit être un seul objet JSON (l'enveloppe)",
            "the file must be one JSON object (the envelope)", ErrorCode.ENVELOPE_NOT_OBJECT),
    ENVELOPE_PARTNER_MISMATCH("partner_id diffère du dossier partenaire de la clé",
            "partner_id differs from the partner folder of the key", ErrorCode.ENVELOPE_KEY_MISMATCH),
    ENVELOPE_LOADER_MISMATCH("loader diffère du chargeur du nom de fichier",
            "loader differs from the loader in the file name", ErrorCode.ENVELOPE_KEY_MISMATCH),
    ENVELOPE_DATE_MISMATCH("snapshot_date diffère de la date du nom de fichier",
            "snapshot_date differs from the date in the file name", ErrorCode.ENVELOPE_KEY_MISMATCH),
    RECORDS_NOT_ARRAY("records doit être un tableau", "records must be an array", ErrorCode.RECORDS_NOT_ARRAY),
    RECORD_COUNT_MISMATCH("record_count annonce ${announced} enregistrements mais le fichier en contient ${found} : "
            + "l'export est-il tronqué ?", "record_count says ${announced} but the file holds ${found} records: is the "
            + "export truncated?", ErrorCode.RECORD_COUNT_MISMATCH),
    // one record: the record is rejected, the rest of the file goes on
    RECORD_NOT_OBJECT("un enregistrement doit être un objet JSON", "a record must be a JSON object",
            ErrorCode.RECORD_NOT_OBJECT),
    RECORD_TYPE_UNKNOWN("type d'enregistrement inconnu : un de ${types} attendu",
            "unknown record type: expected one of ${types}", ErrorCode.RECORD_TYPE_UNKNOWN),
    FIELD_VALUE_NOT_ACCEPTED("${field} « ${value} » n'est pas une valeur acceptée : ${accepted}. Exportez l'une "
            + "d'elles, ou demandez à Qlower de faire correspondre votre valeur à l'une d'elles (une correspondance de "
            + "votre profil)", "${field} '${value}' is not an accepted value: ${accepted}. Export one of them, or ask "
            + "Qlower to map your value to one of them (a mapping in your profile)", ErrorCode.FIELD_INVALID),
    FIELD_NOT_A_DECIMAL("${field} doit être un nombre décimal comme 1250.00 ou -89.9",
            "${field} must be a decimal number such as 1250.00 or -89.9", ErrorCode.FIELD_INVALID),
    FIELD_TOO_MANY_DECIMALS("${field} a plus de 2 décimales", "${field} has more than 2 decimals",
            ErrorCode.FIELD_INVALID),
    MONEY_TOO_MANY_DECIMALS("${field} a plus de 2 décimales : un montant est en euros et centimes",
            "${field} has more than 2 decimals", ErrorCode.MONEY_TOO_MANY_DECIMALS),
    MONEY_OUT_OF_RANGE("${field} dépasse ${digits} chiffres d'euros", "${field} is beyond ${digits} digits of euros",
            ErrorCode.MONEY_OUT_OF_RANGE),
    CURRENCY_UNSUPPORTED("seul l'euro (EUR) est accepté", "only EUR is supported", ErrorCode.CURRENCY_UNSUPPORTED),
    IBAN_INVALID("la clé de contrôle de l'IBAN est fausse", "the IBAN check digits do not match",
            ErrorCode.IBAN_INVALID),
    SIREN_INVALID("la clé de contrôle du SIREN est fausse", "the SIREN check digit does not match",
            ErrorCode.SIREN_INVALID),
    DATE_IN_FUTURE("acquisition_date est dans le futur", "acquisition_date is in the future",
            ErrorCode.DATE_IN_FUTURE),
    DECIMAL_COMMA("${field} « ${text} » s'écrit avec une virgule : écrivez le nombre avec un point décimal et sans "
            + "séparateur de milliers (1234.5). Qlower ne devine pas si 1,234 vaut 1234 ou 1,234",
            "${field} '${text}' is written with a comma: write the number with a decimal point and no thousands "
            + "separator (1234.5). Qlower does not guess whether 1,234 means 1234 or 1.234", ErrorCode.DECIMAL_COMMA),
    TEXT_BLANK("${field} ne contient que des espaces ou des caractères invisibles : ce champ obligatoire doit avoir "
            + "un texte", "${field} holds nothing but spaces or invisible characters: this required field needs a "
            + "text", ErrorCode.TEXT_BLANK),
    TEXT_NUL_CHARACTER("${field} contient le caractère nul U+0000, qui ne peut pas être enregistré : retirez-le de "
            + "l'export", "${field} holds the null character U+0000, which cannot be stored: remove it from the "
            + "export", ErrorCode.TEXT_FORBIDDEN_CHARACTER),
    TEXT_LONE_SURROGATE("${field} contient une moitié isolée de caractère (${character}), qui ne peut pas être "
            + "enregistré : retirez-le de l'export", "${field} holds a lone half of a character (${character}), which "
            + "cannot be stored: remove it from the export", ErrorCode.TEXT_FORBIDDEN_CHARACTER),
    DATE_OUT_OF_RANGE("${field} est en ${year} : une date du contrat est entre ${min} et ${max}",
            "${field} is in year ${year}: a date of the contract is between ${min} and ${max}",
            ErrorCode.DATE_OUT_OF_RANGE),
    RETIRE_IN_SNAPSHOT("un instantané retire les enregistrements en les omettant : \"action\": \"retire\" est "
            + "réservé aux fichiers delta", "a snapshot retires records by leaving them out: \"action\": \"retire\" "
            + "is for delta files", ErrorCode.RETIRE_IN_SNAPSHOT),
    ERASURE_CONFLICT("ce fichier envoie aussi le propriétaire ${owner} ou un de ses biens : demandez l'effacement "
            + "dans un fichier qui ne les contient pas", "this file also sends owner ${owner} or one of their "
            + "properties: request the erasure in a file that does not", ErrorCode.ERASURE_CONFLICT),
    OWNER_ERASED("le propriétaire ${owner} a été effacé à votre demande (RGPD) : Qlower ne l'enregistre plus. "
            + "Retirez cette personne de vos exports", "owner ${owner} was erased at your request (GDPR): Qlower no "
            + "longer records them. Remove this person from your exports", ErrorCode.OWNER_ERASED),
    PROPERTY_OF_ERASED_OWNER("le propriétaire ${owner} a été effacé à votre demande (RGPD) : Qlower ne l'enregistre "
            + "plus, ni ses biens. Retirez cette personne de vos exports", "owner ${owner} was erased at your request "
            + "(GDPR): Qlower no longer records them nor their properties. Remove this person from your exports",
            ErrorCode.OWNER_ERASED),
    DOCUMENT_NOT_BASE64("content_base64 n'est pas du base64 valide", "content_base64 is not valid base64",
            ErrorCode.DOCUMENT_NOT_BASE64),
    DOCUMENT_SIZE_MISMATCH("le contenu fait ${actual} octets mais size_bytes annonce ${declared}",
            "the content is ${actual} bytes but size_bytes says ${declared}", ErrorCode.DOCUMENT_SIZE_MISMATCH),
    DOCUMENT_CHECKSUM_MISMATCH("le SHA-256 du contenu diffère de sha256 : le contenu est abîmé",
            "the SHA-256 of the content differs from sha256: the content is damaged",
            ErrorCode.DOCUMENT_CHECKSUM_MISMATCH),
    RENTAL_START_BEFORE_ACQUISITION("rental_start_date est antérieure à acquisition_date : on ne loue pas un bien "
            + "avant de l'acheter", "rental_start_date is before acquisition_date",
            ErrorCode.RENTAL_START_BEFORE_ACQUISITION),
    VALUE_DATE_TOO_EARLY("value_date précède booked_on de plus de ${days} jours",
            "value_date is more than ${days} days before booked_on", ErrorCode.VALUE_DATE_TOO_EARLY),
    TRANSACTION_AFTER_SNAPSHOT("booked_on est postérieure à la date de l'instantané ${date}",
            "booked_on is after the snapshot date ${date}", ErrorCode.TRANSACTION_AFTER_SNAPSHOT),
    DUPLICATE_EXTERNAL_ID("cet external_id figure déjà à l'enregistrement ${first} : chaque enregistrement ne peut "
            + "figurer qu'une fois par fichier", "this external_id already appears at record ${first}: each record "
            + "may appear once per file", ErrorCode.DUPLICATE_EXTERNAL_ID),
    /** The integrator found them (ids the validator could not compare): the step's failure names them. */
    DUPLICATE_EXTERNAL_IDS_FOUND_LATE("parmi les ${entity} du fichier, ces external_id figurent plus d'une fois : "
            + "${ids}. Chaque external_id ne peut figurer qu'une fois par fichier", "among the file's ${entity}, these "
            + "external_ids appear more than once: ${ids}. Each external_id may appear once per file",
            ErrorCode.DUPLICATE_EXTERNAL_ID),
    // the file refused whole by the integrator
    SNAPSHOT_WOULD_RETIRE_EVERYTHING("cet instantané retirerait tous les ${active} ${entity} actifs : rien n'est "
            + "appliqué. Envoyez l'instantané complet, ou demandez à Qlower d'autoriser ce retrait",
            "this snapshot would retire all ${active} active ${entity}: nothing is applied. Send the complete "
            + "snapshot, or ask Qlower to authorize this retirement", ErrorCode.SNAPSHOT_RETIREMENT_REFUSED),
    SNAPSHOT_WOULD_RETIRE_BEYOND_GUARD("cet instantané retirerait ${retired} des ${active} ${entity} actifs, au-delà "
            + "de la garde de ${percent} % et de ${floor} enregistrement(s) : rien n'est appliqué. Envoyez "
            + "l'instantané complet, ou demandez à Qlower d'autoriser ce retrait",
            "this snapshot would retire ${retired} of the ${active} active ${entity}, beyond the guard of ${percent} % "
            + "and ${floor} record(s): nothing is applied. Send the complete snapshot, or ask Qlower to authorize "
            + "this retirement", ErrorCode.SNAPSHOT_RETIREMENT_REFUSED),
    SNAPSHOT_STALE("l'instantané du ${applied} est déjà appliqué : celui-ci, plus ancien, ne l'est pas",
            "the snapshot of ${applied} is already applied: this older one is not", ErrorCode.SNAPSHOT_STALE),
    OWNER_ERASED_MEANWHILE("${records} enregistrement(s) de ce fichier concernent un propriétaire dont vous avez "
            + "demandé l'effacement, appliqué pendant le traitement de ce fichier : rien n'est appliqué. Renvoyez-le "
            + "sans cette personne", "${records} record(s) of this file belong to an owner whose erasure you asked "
            + "for, applied while this file was processed: nothing is applied. Send it again without this person",
            ErrorCode.OWNER_ERASED_MEANWHILE),
    // a record refers to what the partner never sent (or retired)
    OWNER_UNKNOWN("le propriétaire ${owner} est inconnu : envoyez-le dans ce fichier ou un précédent",
            "owner ${owner} is unknown: send it in this file or an earlier one", ErrorCode.PROPERTY_OWNER_UNKNOWN),
    PROPERTY_UNKNOWN("le bien ${property} est inconnu : envoyez-le dans un fichier caracteristiques d'abord",
            "property ${property} is unknown: send it in a caracteristiques file first",
            ErrorCode.TRANSACTION_PROPERTY_UNKNOWN, ErrorCode.DOCUMENT_PROPERTY_UNKNOWN),
    TRANSACTION_UNKNOWN("la transaction ${transaction} est inconnue : envoyez-la avant ses justificatifs",
            "transaction ${transaction} is unknown: send it before its documents",
            ErrorCode.DOCUMENT_TRANSACTION_UNKNOWN),
    // the file after its records were judged
    TOO_MANY_REJECTED_RECORDS("${rejected} enregistrements sur ${received} sont rejetés, au-delà de la tolérance de "
            + "${share} % : rien de ce fichier n'est intégré", "${rejected} of ${received} records are rejected, above "
            + "the tolerance of ${share} %: nothing from this file is integrated",
            ErrorCode.TOO_MANY_REJECTED_RECORDS),
    TOO_MANY_REJECTED_RECORDS_ABOVE_FLOOR("${rejected} enregistrements sur ${received} sont rejetés, au-delà de la "
            + "tolérance de ${share} % et au-delà de ${floor} enregistrement(s) : rien de ce fichier n'est intégré",
            "${rejected} of ${received} records are rejected, above the tolerance of ${share} % and above ${floor} "
            + "record(s): nothing from this file is integrated", ErrorCode.TOO_MANY_REJECTED_RECORDS),
    // not the partner's doing
    PIPELINE_ERROR("Qlower n'a pas pu traiter ce fichier, pour une raison de son côté ; rien n'en a été enregistré. "
            + "Les équipes de Qlower sont alertées : elles en cherchent la cause, puis traitent de nouveau ce fichier "
            + "une fois la cause corrigée, ou vous disent ce qu'il faut y changer. Inutile de le renvoyer d'ici là",
            "Qlower could not process this file, for a reason on its side; nothing from it was stored. Qlower's team "
            + "is alerted: it looks for the cause, then processes this file again once the cause is fixed, or tells "
            + "you what to change in it. There is no need to send it again meanwhile", ErrorCode.PIPELINE_ERROR),
    // warnings: the record is kept
    CATEGORY_INFERRED("pas de catégorie : « ${category} » déduite du libellé",
            "no category given: inferred '${category}' from the label", ErrorCode.CATEGORY_INFERRED),
    CATEGORY_UNKNOWN("catégorie « ${given} » inconnue : gardée telle quelle, et « ${category} » déduite du libellé. "
            + "Catégories connues : ${known}", "unknown category '${given}': kept as yours, and '${category}' "
            + "inferred from the label. Known categories: ${known}", ErrorCode.CATEGORY_UNKNOWN),
    AMOUNT_IS_ZERO("montant nul", "the amount is zero", ErrorCode.AMOUNT_IS_ZERO),
    RENT_AS_DEBIT("un loyer au débit : est-ce un remboursement au locataire ?",
            "rent as a debit: is it a refund to the tenant?", ErrorCode.RENT_AS_DEBIT),
    FURNISHED_WITHOUT_FURNITURE_VALUE("location meublée (${regime}) sans furniture_value : le mobilier ne sera pas "
            + "amorti", "furnished rental (${regime}) without furniture_value: no furniture will be depreciated",
            ErrorCode.FURNISHED_WITHOUT_FURNITURE_VALUE),
    SNAPSHOT_RETIREMENT_SKIPPED("instantané avec des enregistrements rejetés : aucun enregistrement absent n'est "
            + "retiré", "a snapshot with rejected records: no absent record is retired",
            ErrorCode.SNAPSHOT_RETIREMENT_SKIPPED),
    CONTENT_ALREADY_RECEIVED("même contenu que ${file}, déjà reçu : appliqué à nouveau, les compteurs disent ce qui a "
            + "changé depuis", "the same content as ${file}, already received: applied again, the counts say what "
            + "changed since", ErrorCode.CONTENT_ALREADY_RECEIVED),
    UPSTREAM_FILE_NOT_RECEIVED("des enregistrements font référence à des données inconnues, et aucun fichier "
            + "${loaders} du ${date} n'est arrivé dans les ${waited} qui ont suivi ce fichier : ces enregistrements "
            + "sont rejetés", "records refer to unknown data, and no ${loaders} file of ${date} arrived in the "
            + "${waited} after this one: those records are rejected", ErrorCode.UPSTREAM_FILE_NOT_RECEIVED),
    // what became of an erasure request
    ERASURE_APPLIED("demande ${request} : propriétaire effacé avec ${properties} bien(s), ${transactions} "
            + "transaction(s), ${documents} document(s) ; ${files} fichier(s) archivé(s) purgé(s)",
            "request ${request}: owner erased with ${properties} propert(ies), ${transactions} transaction(s), "
            + "${documents} document(s); ${files} archived file(s) purged", ErrorCode.ERASURE_APPLIED),
    ERASURE_ALREADY_DONE("demande ${request} : ce propriétaire a déjà été effacé le ${erasedOn}, il ne reste rien à "
            + "effacer", "request ${request}: this owner was already erased on ${erasedOn}; nothing is left to erase",
            ErrorCode.ERASURE_ALREADY_DONE),
    ERASURE_OWNER_UNKNOWN("demande ${request} : aucune donnée de ce propriétaire n'a été reçue, rien n'est effacé",
            "request ${request}: no data of this owner was ever received; nothing is erased",
            ErrorCode.ERASURE_OWNER_UNKNOWN),
    // words that are no error: the report pages and the emails say them alike
    RECORDS("Enregistrements", "Records"),
    NO_ERRORS("Aucune erreur.", "No errors."),
    NO_WARNINGS("Aucun avertissement.", "No warnings."),
    RECORD_NUMBER("enregistrement ${index}", "record ${index}"),
    LINE("ligne ${line}", "line ${line}"),
    LINE_AND_COLUMN("ligne ${line}, colonne ${column}", "line ${line}, column ${column}"),
    RUN_ID("Identifiant du traitement", "Run id"),
    /** A message about a field the partner's mapping profile renames: the partner's name for it is said too. */
    IN_YOUR_FIELD("${message} (votre champ « ${field} »)", "${message} (your field '${field}')"),
    /** What {@code ./loaders validate} cannot check without the partner's earlier files. */
    NOT_CHECKED_OFFLINE("non vérifié hors ligne : que le bien d'une transaction ou d'un document, le propriétaire "
            + "d'un bien et la transaction d'un document aient été envoyés avant (vérifié après le dépôt)",
            "not checked offline: that a transaction's or document's property, a property's owner and a document's "
            + "transaction were sent before (checked after upload)");

    private final String fr;
    private final String en;
    private final Set<ErrorCode> codes;

    PartnerMessage(String fr, String en, ErrorCode... codes) {
        this.fr = fr;
        this.en = en;
        this.codes = Set.of(codes);
    }

    /** The error codes this message explains; empty for a note. */
    public Set<ErrorCode> codes() {
        return codes;
    }

    @Override
    public Message template() {
        return new Message(fr, en);
    }

    /** Where a syntax error is: its line, and its column when known; the pages and the emails say it alike. */
    public static Message lineAndColumn(long line, Long column) {
        return column == null ? LINE.with("line", line) : LINE_AND_COLUMN.with("line", line, "column", column);
    }

    /** Every message that explains this code. */
    public static List<PartnerMessage> explaining(ErrorCode code) {
        List<PartnerMessage> found = new ArrayList<>();
        for (PartnerMessage message : values()) {
            if (message.codes.contains(code)) {
                found.add(message);
            }
        }
        return found;
    }
}
