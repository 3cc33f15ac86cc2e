package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The partners' validator as they run it: {@code java -jar loaders-validate.jar FILE...} in a JVM of its own, with
 * nothing but the jar, answers as {@code ./loaders validate} does on the same files (output and exit status). It runs
 * the jar Maven's package phase wrote, so it runs after it (tag {@code packaged-jar}, local-runner/pom.xml).
 */
@Tag("packaged-jar")
class PartnerValidatorJarTest {

    private static final Path JAR = Path.of("target/loaders-validate.jar");

    @Test
    void theJar_validatesTheSampleDrop_asLoadersValidateDoes() throws Exception {
        List<String> files = List.of("../samples/drop/gestimmo",
                "../samples/rejected/gestimmo/transactions_20261124.json");

        Answer jar = runJar(files);
        Answer loaders = runLoadersValidate(files);

        assertThat(jar.status()).as(jar.err()).isEqualTo(1);
        assertThat(jar.out()).contains("VALID    ../samples/drop/gestimmo/caracteristiques_20261123.json")
                .contains("INVALID  ../samples/rejected/gestimmo/transactions_20261124.json")
                .contains("RECORD_COUNT_MISMATCH");
        assertThat(jar.out()).isEqualTo(loaders.out());
        assertThat(jar.err()).as("nothing on standard error, no logging library's warning").isEmpty();
    }

    @Test
    void theJar_givesTheJsonVerdict_andItsUsage_asLoadersValidateDoes() throws Exception {
        List<String> json = List.of("--json", "--lang", "en", "../samples/drop/gestimmo/transactions_20261123.json");
        Answer jar = runJar(json);
        assertThat(jar.status()).as(jar.err()).isZero();
        assertThat(jar.out()).isEqualTo(runLoadersValidate(json).out()).contains("\"valid\" : true");

        Answer usage = runJar(List.of("--lang", "de", "x.json"));
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).startsWith("--lang is fr or en")
                .contains("usage: java -jar loaders-validate.jar FILE|FOLDER...");
        assertThat(runJar(List.of("--help")).out()).startsWith("usage: java -jar loaders-validate.jar");
    }

    @Test
    void theJar_holdsTheCheck_butNothingOfThePipelinesServersOrAws() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("com/qlower/loaders/contract/PartnerFileCheck.class",
                    "com/qlower/loaders/transformer/RecordMapper.class");
            assertThat(names).noneMatch(n -> n.startsWith("software/amazon/awssdk/")
                    || n.startsWith("org/gaul/s3proxy/") || n.startsWith("io/zonky/")
                    || n.startsWith("org/postgresql/") || n.startsWith("com/qlower/loaders/local/LocalPipeline"));
        }
        assertThat(Files.size(JAR)).as("a download, not the local runner's 80 MB").isLessThan(15L << 20);
    }

    private record Answer(int status, String out, String err) {
    }

    private static Answer runJar(List<String> args) throws Exception {
        assertThat(JAR).as("written by Maven's package phase (./loaders build, or ./loaders test)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as a terminal set to UTF-8 prints it (the messages are French), whatever this machine's locale
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-jar", JAR.toString()));
        command.addAll(args);
        Path out = Files.createTempFile("validate-out", ".txt");
        Path err = Files.createTempFile("validate-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar answered").isTrue();
            return new Answer(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Answer runLoadersValidate(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("validate"));
        command.addAll(args);
        int status = new LoadersCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(command.toArray(String[]::new));
        return new Answer(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
