package com.qlower.loaders.errors;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the placeholders of a {@link Wording}, language by language. */
final class Placeholders {

    /** {@code ${name}}, or {@code ${name|one|many}}: the word the count {@code name} calls for. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)(?:\\|([^|}]*)\\|([^|}]*))?}");

    private Placeholders() {
    }

    static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    static Message fill(String entry, Message template, List<Object> namesAndValues) {
        Map<String, Object> values = new TreeMap<>();
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            values.put(String.valueOf(namesAndValues.get(i)), namesAndValues.get(i + 1));
        }
        if (namesAndValues.size() % 2 != 0 || !values.keySet().equals(new TreeSet<>(namesIn(template.fr())))) {
            throw new IllegalArgumentException(entry + " has the placeholders " + namesIn(template.fr()) + ", not "
                    + namesAndValues);
        }
        return new Message(fill(entry, template.fr(), values, Language.FR),
                fill(entry, template.en(), values, Language.EN));
    }

    private static String fill(String entry, String text, Map<String, Object> values, Language language) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder(text.length() + 32);
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            String written = placeholder.group(2) == null ? language.write(value)
                    : language.isOne(count(entry, placeholder.group(1), value))
                    ? placeholder.group(2) : placeholder.group(3);
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(written));
        }
        return placeholder.appendTail(filled).toString();
    }

    private static long count(String entry, String name, Object value) {
        if (value instanceof Wording.Count count) {
            return count.value();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException(entry + " counts " + name + ", which is no number: " + value);
    }

    private enum Language {
        FR("fr"),
        EN("en");

        private final String code;

        Language(String code) {
            this.code = code;
        }

        /** French takes the singular for 0 and 1, English for 1 alone. */
        boolean isOne(long count) {
            return this == FR ? count <= 1 : count == 1;
        }

        String write(Object value) {
            if (value instanceof Message message) {
                return message.in(code);
            }
            if (value instanceof Wording.Count count) {
                return count.written().in(code);
            }
            return String.valueOf(value);
        }
    }
}
