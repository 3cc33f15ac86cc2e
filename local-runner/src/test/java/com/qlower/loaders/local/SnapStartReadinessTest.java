package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What Lambda SnapStart asks of the functions that use it: a snapshot of the instance after its init is restored into
 * every new instance, so nothing meant to be unique (an id, a random number, a time) may be computed at init and
 * reused; SnapStart's own limits (ephemeral storage, EFS, provisioned concurrency) and its published versions.
 * From the sources and template.yaml; the hooks themselves are {@code SnapStartHooksTest}.
 */
class SnapStartReadinessTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> DEPLOYED_SOURCES = List.of("shared", "adapters", "validator-function",
            "transformer-function", "integrator-function", "archiver-function", "notifier-function",
            "daily-function");

    /** A value that must differ from one instance (or one invocation) to the next. */
    private static final String UNIQUE = "(UUID\\.randomUUID|new SecureRandom|SecureRandom\\.getInstance|new Random\\b"
            + "|ThreadLocalRandom|Instant\\.now|LocalDate(Time)?\\.now|ZonedDateTime\\.now|OffsetDateTime\\.now"
            + "|System\\.currentTimeMillis|System\\.nanoTime)";
    /** A field declared with an initializer: static ones run at class load, instance ones in the constructor. */
    private static final Pattern FIELD_INITIALIZER = Pattern.compile(
            "^\\s*(?:(?:private|protected|public|static|final)\\s+)+[\\w<>\\[\\], .?]+\\s+\\w+\\s*=\\s*[^;]*" + UNIQUE,
            Pattern.MULTILINE);
    private static final Pattern CONSTRUCTOR_ASSIGNMENT = Pattern.compile(
            "^\\s*this\\.\\w+\\s*=\\s*[^;]*" + UNIQUE, Pattern.MULTILINE);
    private static final Pattern STATIC_BLOCK = Pattern.compile("^\\s*static\\s*\\{", Pattern.MULTILINE);

    @Test
    void noDeployedClass_computesAUniqueValue_inAFieldInitializer_aConstructor_orAStaticBlock() {
        List<String> found = new ArrayList<>();
        deployedSources().forEach((file, source) -> {
            for (Pattern rule : List.of(FIELD_INITIALIZER, CONSTRUCTOR_ASSIGNMENT)) {
                Matcher m = rule.matcher(source);
                while (m.find()) {
                    found.add(file + ": " + m.group().trim());
                }
            }
            if (STATIC_BLOCK.matcher(source).find() && Pattern.compile(UNIQUE).matcher(source).find()) {
                found.add(file + ": a static block in a class that computes unique values: check it by hand");
            }
        });
        assertThat(found).as("computed once at init, then the same in every instance restored from a snapshot")
                .isEmpty();
    }

    @Test
    void eachFunctionsWiringForAws_computesNoUniqueValue_andRegistersItsSnapStartHooks() {
        Map<String, String> wirings = new LinkedHashMap<>();
        deployedSources().forEach((file, source) -> {
            if (file.getFileName().toString().endsWith("Wiring.java")) {
                wirings.put(file.getFileName().toString(), source);
            }
        });
        assertThat(wirings).containsOnlyKeys("ValidatorWiring.java", "TransformerWiring.java",
                "IntegratorWiring.java", "ArchiverWiring.java", "NotifierWiring.java", "DailyWiring.java");
        wirings.forEach((name, source) -> {
            String forAws = source.substring(source.indexOf(" forAws("), source.indexOf(" forLocal("));
            assertThat(Pattern.compile(UNIQUE).matcher(forAws).find()).as(name + " at init").isFalse();
            assertThat(forAws).as(name).contains("SnapStartHooks.database(");
        });
    }

    @Test
    void everyFunctionWithSnapStart_isWithinItsLimits_publishesVersions_andIsInvokedThroughItsAlias()
            throws IOException {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("template.yaml").toFile());
        List<String> withSnapStart = new ArrayList<>();
        template.path("Resources").properties().forEach(entry -> {
            JsonNode properties = entry.getValue().path("Properties");
            if (!properties.at("/SnapStart/ApplyOn").asText().equals("PublishedVersions")) {
                return;
            }
            withSnapStart.add(entry.getKey());
            assertThat(properties.at("/EphemeralStorage/Size").asInt(512)).as(entry.getKey()).isLessThanOrEqualTo(512);
            assertThat(properties.has("FileSystemConfigs")).as(entry.getKey() + ": EFS").isFalse();
            assertThat(properties.has("ProvisionedConcurrencyConfig")).as(entry.getKey()).isFalse();
            assertThat(properties.path("AutoPublishAlias").asText()).as(entry.getKey()).isNotBlank();
        });
        assertThat(withSnapStart).containsExactlyInAnyOrder("ValidatorFunction", "IntegratorFunction",
                "ArchiverFunction", "NotifierFunction", "DailyFunction");

        JsonNode substitutions = template.at("/Resources/FilePipelineStateMachine/Properties/DefinitionSubstitutions");
        substitutions.properties().forEach(entry -> {
            String function = entry.getKey().replace("Arn", "");
            assertThat(entry.getValue().asText()).as(entry.getKey()).isEqualTo(withSnapStart.contains(function)
                    ? "${" + function + ".Alias}" : function + ".Arn");
        });
    }

    private static Map<Path, String> deployedSources() {
        Map<Path, String> sources = new LinkedHashMap<>();
        for (String module : DEPLOYED_SOURCES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        sources.put(f, Files.readString(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }
}
