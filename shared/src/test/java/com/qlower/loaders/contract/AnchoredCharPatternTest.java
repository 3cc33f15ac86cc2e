package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick matcher agrees with the JDK's {@code find} on every pattern of the contract it takes: what it matches,
 * the regular expression finds; and on texts without a line terminator, what the regular expression finds, it
 * matches (so it spares the regular expression for the valid values, which is its point).
 */
class AnchoredCharPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The characters the texts are drawn from: those of every class of the contract, and some beyond. */
    private static final String ALPHABET = "azAZ09mM5-._:+ ()/\\$^é€\n\r\u2028\t\u0000xX";

    static List<String> contractPatterns() throws IOException {
        TreeSet<String> patterns = new TreeSet<>();
        for (Loader loader : Loader.values()) {
            try (InputStream in = AnchoredCharPatternTest.class.getClassLoader()
                    .getResourceAsStream("contract/v1/" + loader.wireName() + ".schema.json")) {
                collect(JSON.readTree(in), patterns);
            }
        }
        return List.copyOf(patterns);
    }

    private static void collect(JsonNode node, TreeSet<String> patterns) {
        if (node.isObject() && node.path("pattern").isTextual()) {
            patterns.add(node.get("pattern").textValue());
        }
        node.forEach(child -> collect(child, patterns));
    }

    @Test
    void theContractsSimplePatterns_areTaken_andTheOthersAreLeftToTheRegularExpression() throws IOException {
        List<String> taken = contractPatterns().stream().filter(p -> AnchoredCharPattern.of(p).isPresent()).toList();

        assertThat(taken).contains("^[A-Za-z0-9._:-]{1,64}$", "^-?[0-9]{1,13}(\\.[0-9]{1,2})?$", "^[A-Z]{3}$",
                "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", "^[0-9A-Za-z -]{2,10}$", "^\\+?[0-9 .()-]{6,20}$");
        assertThat(AnchoredCharPattern.of("^(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)$")).isEmpty();
        assertThat(AnchoredCharPattern.of("^(100000(\\.0+)?|0*(?=[0-9.]*[1-9])[0-9]{1,5}(\\.[0-9]+)?)$")).isEmpty();
        assertThat(AnchoredCharPattern.of("[A-Z]{3}")).as("not anchored").isEmpty();
        assertThat(AnchoredCharPattern.of("^\\d{3}$")).as("a class by name").isEmpty();
        assertThat(AnchoredCharPattern.of("^[^A-Z]{3}$")).as("negated").isEmpty();
        assertThat(AnchoredCharPattern.of("^.{3}$")).as("any character").isEmpty();
        assertThat(AnchoredCharPattern.of("^[a-z]{2,}$")).as("open-ended").isEmpty();
        assertThat(AnchoredCharPattern.of("^[a-z]+$")).isEmpty();
        assertThat(AnchoredCharPattern.of("^é[a-z]{2}$")).as("beyond ASCII").isEmpty();
    }

    @Test
    void onEveryPatternItTakes_itAgreesWithFind_onTextsAtAndAcrossTheBounds() throws IOException {
        List<String> patterns = new ArrayList<>(contractPatterns());
        // shapes the contract does not use yet: runs that must give characters back, groups in a row
        patterns.addAll(List.of("^[A-Z0-9]{1,5}[0-9]{2}$", "^(a[0-9]?)?(ab)?b?$", "^[a-c]?[b-d]{0,3}c$"));
        Random random = new Random(20261202);
        int checked = 0;
        for (String regex : patterns) {
            AnchoredCharPattern quick = AnchoredCharPattern.of(regex).orElse(null);
            if (quick == null) {
                continue;
            }
            Pattern pattern = Pattern.compile(regex);
            for (String text : texts(random, regex)) {
                boolean found = pattern.matcher(text).find();
                boolean matched = quick.matchesWhole(text);
                if (matched) {
                    assertThat(found).as("%s on %s", regex, text).isTrue();
                }
                if (found && text.chars().noneMatch(c -> c == '\n' || c == '\r' || c == '\u2028')) {
                    assertThat(matched).as("%s on %s", regex, text).isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    /** Random texts of every length up to past the longest bound, and valid texts with one character changed. */
    private static List<String> texts(Random random, String regex) {
        List<String> texts = new ArrayList<>(List.of("", "EUR", "EUR\n", "FR7630004012340001234567862",
                "-1150.45", "1150.4", "69001", "+33 6 12 34 56 78", "TRX-1", "a", "ab", "b", "c"));
        String classChars = regex.replaceAll("[^A-Za-z0-9 .:_()+-]", "");
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(70);
            StringBuilder text = new StringBuilder();
            String from = random.nextInt(4) == 0 ? ALPHABET : classChars + "AZaz09";
            for (int c = 0; c < length; c++) {
                text.append(from.charAt(random.nextInt(from.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
