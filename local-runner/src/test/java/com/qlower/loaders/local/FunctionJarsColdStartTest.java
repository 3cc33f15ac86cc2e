package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployable (shaded) jar, as {@code ./loaders bench-coldstart} starts it: a fresh JVM under the real
 * Lambda Java runtime interface client, its environment on local servers (PostgreSQL, S3Proxy, Secrets Manager),
 * its whole cold start (the secret read, the database and every adapter wired), then its {@code events/} file
 * through the runtime's serializer; and its SDK-only probe on the same jar. A class that the jar lacks (a
 * dependency cut from it, a service loader's entry) fails here, not on AWS. No timing is asserted. The jars are
 * packaged by Maven ({@code ./loaders test}) before this module's tests run.
 */
@Slow(seconds = 19)
class FunctionJarsColdStartTest {

    @Test
    void everyFunctionJar_startsUnderTheRuntimeClient_andAnswersItsEventWithTheExpectedOutcome() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<ColdStartTable.Row> rows = ColdStartBenchmark.measure(
                new PrintStream(progress, true, StandardCharsets.UTF_8), Path.of("..").toAbsolutePath().normalize(),
                1, ColdStartFunction.ALL);

        Map<String, String> answers = rows.stream().collect(Collectors.toMap(ColdStartTable.Row::function,
                ColdStartTable.Row::firstAnswer));
        assertThat(answers).as(progress.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED_ANSWERS);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.init().seconds()).isPositive();
            assertThat(row.probe().seconds()).isPositive();
            assertThat(row.init().cpuSeconds()).isPositive();
            // the classes loaded are counted: a JVM loads well over a thousand before any handler
            assertThat(row.probe().classes()).isGreaterThan(1000);
            assertThat(row.init().classes()).isGreaterThan(row.probe().classes());
        });
    }

    /**
     * What each function answers its event on an empty bucket and database, through the runtime's serializer: the
     * daily summary succeeds; the others fail on the file the event names, which is not there (for the notifier,
     * the archived report its request points at), as a domain error (the validator's reading of it, a transient
     * one), never a class the jar lacks.
     */
    private static final Map<String, String> EXPECTED_ANSWERS = Map.of(
            "validator", "TransientFailure",
            "transformer", "ObjectNotFound",
            "integrator", "ObjectNotFound",
            "archiver", "ObjectNotFound",
            "notifier", "ObjectNotFound",
            "daily", "ok");
}
