package com.qlower.loaders.transformer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How free text from partners is normalized before it is stored or matched. */
final class Normalize {

    // compiled once: String.replaceAll compiles its pattern at every call, and this runs on every field
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");

    private Normalize() {
    }

    /** Unicode NFC, trimmed, runs of white space as one space; null stays null, blank becomes null. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        if (isPlain(value)) {
            return value.isEmpty() ? null : value;
        }
        String normalized = WHITE_SPACE.matcher(Normalizer.normalize(value, Normalizer.Form.NFC).strip())
                .replaceAll(" ");
        return normalized.isEmpty() ? null : normalized;
    }

    /**
     * Printable ASCII with single spaces between words: what {@link #text} leaves as it is (ASCII is already NFC),
     * told without a copy. Most fields of most files are.
     */
    private static boolean isPlain(String value) {
        int n = value.length();
        if (n > 0 && (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ' ' ? previous == ' ' : c < 0x21 || c > 0x7e) {
                return false;
            }
            previous = c;
        }
        return true;
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
        String lower = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return " " + NOT_ALPHANUMERIC.matcher(lower).replaceAll(" ").strip() + " ";
    }

    /** Identifiers typed with spaces (IBAN, phone numbers): spaces, dots and dashes removed. */
    static String compact(String value) {
        String normalized = text(value);
        return normalized == null ? null : SEPARATORS.matcher(normalized).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
