package com.qlower.loaders;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The packages of {@code shared} form a line: each may use only the packages below it, so no import runs back up
 * and no two packages import each other. A new package takes its place in {@link #LINE} before it is used.
 */
class PackageLineTest {

    /** The line, from the ground up: the one place that states the order. */
    static final List<String> LINE = List.of(
            "domain",    // the internal model and its rules (deletion guard, reject tolerance)
            "errors",    // what can be wrong with a file (codes, messages, located errors) and the exceptions
            "wording",   // the words of the report pages and the emails, in French and in English
            "contract",  // the partner contract: file names, reading, validation, counts, the reject policy
            "partners",  // a partner's registration
            "notify",    // emails and webhook events
            "steps",     // what the steps pass each other: references to objects, requests, results, outcomes
            "report",    // the run's report and its recorded history
            "audit",     // the audit trail's events
            "bulkload",  // the rows the integrator bulk-loads: what the transformer writes, in COPY text, as it is
            "ports",     // the interfaces to the outside world, and the records they carry
            "staging",   // the staging area over the object store: the report, staged records
            "pages");    // HTML pages, and the one HTML escaper

    private static final Path SOURCES = Path.of("src/main/java/com/qlower/loaders");
    private static final Pattern PACKAGE = Pattern.compile("^package com\\.qlower\\.loaders\\.(\\w+);",
            Pattern.MULTILINE);
    /** An import, a static import or a name written in full, in code or in a Javadoc link. */
    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.qlower\\.loaders\\.([a-z]\\w*)\\.");

    @Test
    void everyPackageOfShared_standsOnTheLine() {
        sources().forEach((file, text) ->
                assertThat(LINE).as("the place of %s's package", file).contains(packageOf(text)));
    }

    @Test
    void noPackageOfShared_usesOneAboveIt() {
        assertThat(usesRunningBackUp(sources())).isEmpty();
    }

    @Test
    void aUseRunningBackUp_isFound_andNamed() {
        Map<String, String> sources = Map.of(
                "contract/PartnerFileCheck.java", """
                        package com.qlower.loaders.contract;

                        import com.qlower.loaders.domain.RejectTolerance;
                        import com.qlower.loaders.report.RunReport;
                        """,
                "steps/FileRef.java", """
                        package com.qlower.loaders.steps;

                        /** See {@link com.qlower.loaders.pages.ReportPage}. */
                        record FileRef(com.qlower.loaders.errors.ErrorCode code) {
                        }
                        """);

        assertThat(usesRunningBackUp(sources)).containsExactly(
                "contract/PartnerFileCheck.java (contract) uses report",
                "steps/FileRef.java (steps) uses pages");
    }

    /** Each file's use of a package above its own, as "file (its package) uses that package". */
    static List<String> usesRunningBackUp(Map<String, String> sources) {
        List<String> found = new ArrayList<>();
        new TreeMap<>(sources).forEach((file, text) -> {
            String own = packageOf(text);
            Matcher reference = REFERENCE.matcher(text);
            while (reference.find()) {
                String used = reference.group(1);
                if (!used.equals(own) && LINE.indexOf(used) > LINE.indexOf(own)) {
                    found.add(file + " (" + own + ") uses " + used);
                }
            }
        });
        return found.stream().distinct().toList();
    }

    private static String packageOf(String text) {
        Matcher declared = PACKAGE.matcher(text);
        return declared.find() ? declared.group(1) : "";
    }

    /** Every main source file of shared by its path under com/qlower/loaders, with its text. */
    private static Map<String, String> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            Map<String, String> sources = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString(), Files.readString(file));
            }
            assertThat(sources).as("shared's sources, read from %s", SOURCES.toAbsolutePath()).isNotEmpty();
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
