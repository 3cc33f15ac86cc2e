package com.qlower.loaders.errors;

import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A text Qlower writes to partners, in French and in English: an entry of one of the catalogues of partner-facing
 * words ({@link PartnerMessage} for the messages of the error codes; the report pages' and the emails' words in
 * {@code com.qlower.loaders.wording}). Nothing else writes a sentence a partner reads, so both languages stay alike.
 *
 * <p>A placeholder is {@code ${name}}, the same in both languages, filled by name ({@link #with}). A value is written
 * as {@link String#valueOf} writes it; a {@link Message} value is written in each language in that language; a
 * {@link Count} as each language writes a number. {@code ${name|one|many}} is the word a count calls for in each
 * language ("1 enregistrement", "0 enregistrement" but "0 records"). Any other brace is text:
 * {@code inbox/{partner_id}/...} shows a pattern to the partner.
 */
public interface Wording {

    /** The entry's name in its catalogue, which a wrong use of placeholders names. */
    String name();

    /** The entry as written, placeholders and all. */
    Message template();

    /** The entry of one without placeholders. */
    default Message message() {
        return with();
    }

    /** The entry of one without placeholders, in a language ("fr" or "en"; French for any other). */
    default String in(String language) {
        return message().in(language);
    }

    /**
     * The entry with its placeholders filled, in both languages.
     *
     * @param namesAndValues each placeholder's name then its value ({@code "size", 12, "limit", 10})
     * @throws IllegalArgumentException when the names are not exactly the entry's placeholders, or when a count's
     *     word is asked of a value that is no number
     */
    default Message with(Object... namesAndValues) {
        return Placeholders.fill(name(), template(), Arrays.asList(namesAndValues));
    }

    /** The names of the placeholders of a text, counts' words included, in their order. */
    static Set<String> placeholdersOf(String text) {
        return Placeholders.namesIn(text);
    }

    /** A number of things, written as each language writes it: 1 234 567 in French, 1,234,567 in English. */
    record Count(long value) {

        /** The number in both languages; French groups its digits with narrow no-break spaces. */
        public Message written() {
            return new Message(NumberFormat.getIntegerInstance(Locale.FRENCH).format(value),
                    NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value));
        }
    }
}
