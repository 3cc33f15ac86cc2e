package com.qlower.loaders.errors;

import java.util.Locale;

/**
 * What an error says, in French and in English: the report carries both, and what is shown to a partner (an
 * email, a page) picks the partner's language, French by default.
 */
public record Message(String fr, String en) {

    public static Message of(String fr, String en) {
        return new Message(fr, en);
    }

    /** The text in a language ("fr" or "en"); French for any other. */
    public String in(String language) {
        return "en".equals(language == null ? null : language.toLowerCase(Locale.ROOT)) ? en : fr;
    }
}
