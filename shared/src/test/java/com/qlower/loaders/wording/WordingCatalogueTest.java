package com.qlower.loaders.wording;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.errors.Wording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one catalogue of what partners read, in four parts: the error codes' messages ({@link PartnerMessage}), the
 * pages' words ({@link PageWording}), the emails' words ({@link EmailWording}), the offline check's words
 * ({@link PreflightWording}). Every entry is written in both languages with the same placeholders; and, read from
 * the sources of every module, no other file writes a sentence for partners: no bilingual message built from
 * literals, no French literal.
 */
class WordingCatalogueTest {

    /** The parts of the catalogue; a new one is listed here, and {@link #everyCatalogue_isListed} sees to it. */
    static final List<Class<? extends Wording>> CATALOGUES = List.of(PartnerMessage.class, PageWording.class,
            EmailWording.class, PreflightWording.class);

    /** The repository's root, from the shared module where the tests run. */
    private static final Path ROOT = Path.of("..");
    /** The files that hold the words, and the machinery that fills them. */
    private static final List<String> CATALOGUE_FILES = List.of(
            "shared/src/main/java/com/qlower/loaders/errors/PartnerMessage.java",
            "shared/src/main/java/com/qlower/loaders/wording/PageWording.java",
            "shared/src/main/java/com/qlower/loaders/wording/EmailWording.java",
            "shared/src/main/java/com/qlower/loaders/wording/PreflightWording.java",
            "shared/src/main/java/com/qlower/loaders/wording/Written.java");
    /** French literals that are no wording, each with why. */
    private static final Map<String, String> FRENCH_DATA = Map.of(
            "local-runner/src/main/java/com/qlower/loaders/local/BenchmarkFiles.java",
            "the address in the generated partner files the benchmarks load: data, as a partner sends it");

    /** A letter or a sign French writes and English does not. */
    private static final Pattern FRENCH_LETTER = Pattern.compile("[àâçéèêëîïôûùœ«»’]");
    /** A word of a French sentence, which an English sentence or an identifier hardly holds. */
    private static final Pattern FRENCH_WORD = Pattern.compile(
            "(?iu)(?<![\\w/.@-])(le|la|les|des|du|une|est|sont|aucun|aucune|fichier|fichiers|vous|votre|vos|pour|"
                    + "avec|sans|rien|sur|dans|ce|cette|ou|et|au|aux|enregistrements?|erreurs?|avertissements?)(?![\\w/.@-])");
    /** A bilingual message built in place: {@code Message.of(} or {@code new Message(}. */
    private static final Pattern MESSAGE_BUILT = Pattern.compile("\\b(Message\\.of|new\\s+Message)\\s*\\(");

    static Stream<Wording> everyEntry() {
        return CATALOGUES.stream().flatMap(c -> Stream.of(c.getEnumConstants()));
    }

    @ParameterizedTest
    @MethodSource("everyEntry")
    void everyEntry_isWrittenInFrenchAndInEnglish(Wording entry) {
        assertThat(entry.template().fr()).as("%s in French", entry.name()).isNotBlank();
        assertThat(entry.template().en()).as("%s in English", entry.name()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("everyEntry")
    void everyEntry_hasTheSamePlaceholdersInBothLanguages(Wording entry) {
        assertThat(Wording.placeholdersOf(entry.template().en())).as(entry.name())
                .containsExactlyInAnyOrderElementsOf(Wording.placeholdersOf(entry.template().fr()));
    }

    @Test
    void everyCatalogue_isListed() {
        List<String> catalogues = new ArrayList<>();
        Pattern declared = Pattern.compile("\\benum\\s+(\\w+)\\s+implements\\s+Wording\\b");
        mainSources().forEach((file, code) -> {
            Matcher found = declared.matcher(code);
            while (found.find()) {
                catalogues.add(found.group(1));
            }
        });
        assertThat(catalogues).containsExactlyInAnyOrderElementsOf(
                CATALOGUES.stream().map(Class::getSimpleName).toList());
    }

    @Test
    void noFileOutsideTheCatalogue_buildsAMessageFromLiterals() {
        List<String> found = new ArrayList<>();
        mainSources().forEach((file, code) -> {
            Matcher built = MESSAGE_BUILT.matcher(code);
            while (built.find()) {
                String arguments = argumentsFrom(code, built.end());
                if (!isCatalogue(file) && arguments.contains("\"")) {
                    found.add(file + ": " + built.group(1) + "(" + arguments + ")");
                }
            }
        });
        assertThat(found).isEmpty();
    }

    @Test
    void noFileOutsideTheCatalogue_writesAFrenchLiteral() {
        List<String> found = new ArrayList<>();
        mainSources().forEach((file, code) -> {
            if (!isCatalogue(file) && !FRENCH_DATA.containsKey(file)) {
                literalsOf(code).stream().filter(WordingCatalogueTest::looksFrench)
                        .forEach(literal -> found.add(file + ": " + literal));
            }
        });
        assertThat(found).isEmpty();
    }

    @Test
    void theScan_findsAFrenchSentence_andAMessageBuiltFromLiterals_butNotCommentsOrEnglish() {
        String code = """
                // le fichier est rejeté
                /** Aucun fichier. */
                String english = "the file is rejected: nothing is stored";
                String french = "Fichier intégré, sauf " + n + " enregistrement(s)";
                Message built = Message.of("a", "b");
                Message fromTheSchema = Message.of(frText, enText);
                """;

        assertThat(literalsOf(code).stream().filter(WordingCatalogueTest::looksFrench).toList())
                .containsExactly("Fichier intégré, sauf ", " enregistrement(s)");
        Matcher built = MESSAGE_BUILT.matcher(code);
        assertThat(built.find()).isTrue();
        assertThat(argumentsFrom(code, built.end())).isEqualTo("\"a\", \"b\"");
        assertThat(built.find()).isTrue();
        assertThat(argumentsFrom(code, built.end())).doesNotContain("\"");
        assertThat(looksFrench("Mode")).isFalse();
        assertThat(looksFrench("inbox/le-partner/x.json")).isFalse();
        assertThat(looksFrench("fichiers@loaders.qlower.local")).isFalse();
        assertThat(looksFrench("Aucun fichier reçu ce jour-là.")).isTrue();
    }

    static boolean looksFrench(String literal) {
        return FRENCH_LETTER.matcher(literal).find() || FRENCH_WORD.matcher(literal).find();
    }

    private static boolean isCatalogue(String file) {
        return CATALOGUE_FILES.contains(file);
    }

    /** The text of a call's arguments, from just after its opening parenthesis to the one that closes it. */
    static String argumentsFrom(String code, int start) {
        int depth = 1;
        int i = start;
        for (; i < code.length() && depth > 0; i++) {
            char c = code.charAt(i);
            if (c == '"') {
                i = endOfLiteral(code, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return code.substring(start, i - 1);
    }

    /**
     * The string literals of Java code, comments skipped; a text block is left out (the commands' usage texts, in
     * English): a sentence for partners is never one.
     */
    static List<String> literalsOf(String code) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            if (code.startsWith("//", i)) {
                i = code.indexOf('\n', i) < 0 ? code.length() : code.indexOf('\n', i);
            } else if (code.startsWith("/*", i)) {
                i = code.indexOf("*/", i + 2) < 0 ? code.length() : code.indexOf("*/", i + 2) + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? code.length() : end + 3;
            } else if (code.charAt(i) == '\'') {
                i = code.charAt(i + 1) == '\\' ? code.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (code.charAt(i) == '"') {
                int end = endOfLiteral(code, i);
                literals.add(code.substring(i + 1, end));
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    /** The index of the quote that closes the literal opened at {@code start}. */
    private static int endOfLiteral(String code, int start) {
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != '"') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    /** Every main source file of every module, by its path from the repository's root, with its text. */
    private static Map<String, String> mainSources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        sources.put(ROOT.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sources).as("the main sources under %s", ROOT.toAbsolutePath())
                .containsKey("shared/src/main/java/com/qlower/loaders/errors/PartnerMessage.java");
        return sources;
    }
}
