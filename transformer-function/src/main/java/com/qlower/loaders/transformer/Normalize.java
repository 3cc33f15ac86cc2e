package com.qlower.loaders.transformer;

import java.text.Normalizer;
import java.util.Locale;

/** How free text from partners is normalized before it is stored or matched. */
final class Normalize {

    private Normalize() {
    }

    /** Unicode NFC, trimmed, runs of white space as one space; null stays null, blank becomes null. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        return normalized.isEmpty() ? null : normalized;
    }

    /** Like {@link #text} but an empty value stays an empty string (for required fields that may be empty). */
    static String textOrEmpty(String value) {
        String normalized = text(value);
        return normalized == null ? "" : normalized;
    }

    static String upper(String value) {
        String normalized = text(value);
        return normalized == null ? null : normalized.toUpperCase(Locale.ROOT);
    }

    static String lower(String value) {
        String normalized = text(value);
        return normalized == null ? null : normalized.toLowerCase(Locale.ROOT);
    }

    /** Lower case without accents or punctuation, for matching words in labels. */
    static String forMatching(String value) {
        String decomposed = Normalizer.normalize(value == null ? "" : value, Normalizer.Form.NFD);
        return " " + decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ")
                .strip() + " ";
    }

    /** Identifiers typed with spaces (IBAN, phone numbers): spaces, dots and dashes removed. */
    static String compact(String value) {
        String normalized = text(value);
        return normalized == null ? null : normalized.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }
}
