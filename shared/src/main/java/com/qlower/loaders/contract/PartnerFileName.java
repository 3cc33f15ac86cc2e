package com.qlower.loaders.contract;

import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object key of a partner file, {@code inbox/{partner_id}/{loader}_{YYYYMMDD}[_{NN}].json}, parsed.
 *
 * @param correction 0 for the first file of the day, NN for a same-day correction (a later NN supersedes)
 */
public record PartnerFileName(String key, String partnerId, Loader loader, LocalDate snapshotDate, int correction) {

    public static final String INBOX_PREFIX = "inbox/";
    public static final int MAX_KEY_BYTES = 1024;
    public static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9-]{3,40}");
    private static final Pattern FILE_NAME =
            Pattern.compile("(?<loader>[a-z]+)_(?<date>[0-9]{8})(?:_(?<nn>[0-9]{2}))?\\.json");
    private static final DateTimeFormatter BASIC_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** The file name, last segment of the key. */
    public String fileName() {
        return fileNameOf(key);
    }

    /**
     * Parses a decoded object key (S3 event keys must be URL-decoded first).
     *
     * @throws ContractViolation naming the rule the key breaks
     */
    public static PartnerFileName parse(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw violation(ErrorCode.KEY_TOO_LONG, Message.of(
                    "la clé dépasse " + MAX_KEY_BYTES + " octets",
                    "the key is longer than " + MAX_KEY_BYTES + " bytes"), key);
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw violation(ErrorCode.KEY_INVALID, Message.of(
                    "la clé contient des caractères de contrôle",
                    "the key contains control characters"), key);
        }
        if (!key.startsWith(INBOX_PREFIX)) {
            throw violation(ErrorCode.KEY_INVALID, Message.of(
                    "le fichier n'est pas déposé sous inbox/",
                    "the file is not under inbox/"), key);
        }
        String[] parts = key.substring(INBOX_PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            throw violation(ErrorCode.KEY_INVALID, Message.of(
                    "la clé doit être inbox/{partner_id}/{loader}_{AAAAMMJJ}[_{NN}].json",
                    "the key must be inbox/{partner_id}/{loader}_{YYYYMMDD}[_{NN}].json"), key);
        }
        if (!PARTNER_ID.matcher(parts[0]).matches()) {
            throw violation(ErrorCode.KEY_INVALID, Message.of(
                    "le dossier du partenaire doit compter 3 à 40 minuscules, chiffres ou tirets",
                    "the partner folder must be 3 to 40 lower-case letters, digits or hyphens"), key);
        }
        Matcher m = FILE_NAME.matcher(parts[1]);
        if (!m.matches()) {
            throw violation(ErrorCode.KEY_INVALID, Message.of(
                    "le nom du fichier doit être {loader}_{AAAAMMJJ}[_{NN}].json",
                    "the file name must be {loader}_{YYYYMMDD}[_{NN}].json"), key);
        }
        Loader loader = Loader.fromWireName(m.group("loader")).orElseThrow(() -> violation(ErrorCode.KEY_UNKNOWN_LOADER,
                Message.of("chargeur inconnu « " + m.group("loader")
                                + " » : caracteristiques, transactions ou documents attendu",
                        "unknown loader '" + m.group("loader")
                                + "': expected caracteristiques, transactions or documents"), key));
        LocalDate date;
        try {
            date = LocalDate.parse(m.group("date"), BASIC_DATE);
        } catch (DateTimeException e) {
            throw violation(ErrorCode.KEY_INVALID_DATE, Message.of(
                    "« " + m.group("date") + " » n'est pas une date du calendrier",
                    "'" + m.group("date") + "' is not a calendar date"), key);
        }
        int correction = m.group("nn") == null ? 0 : Integer.parseInt(m.group("nn"));
        return new PartnerFileName(key, parts[0], loader, date, correction);
    }

    /** The partner folder of any inbox key, even one that breaks the convention, when it is a valid partner id. */
    public static Optional<String> partnerFolderOf(String key) {
        if (!key.startsWith(INBOX_PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(INBOX_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String folder = rest.substring(0, slash);
        return PARTNER_ID.matcher(folder).matches() ? Optional.of(folder) : Optional.empty();
    }

    public static String fileNameOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static ContractViolation violation(ErrorCode code, Message message, String key) {
        return new ContractViolation(FileError.ofFile(code, message, key));
    }
}
