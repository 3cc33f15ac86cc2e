package com.qlower.loaders.local;

import static com.qlower.loaders.local.LoadersRun.loaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 5: the local runner killed ({@code kill -9}) during Integrate, in a child JVM, and a second
 * {@code ./loaders run} on the same state folder meanwhile. The second is refused with one line naming the first's
 * pid; after the kill, the next command stops the orphaned embedded PostgreSQL with one line, {@code ./loaders run}
 * says an execution is unfinished, and {@code ./loaders redrive} finishes it: the file archived once, its row final.
 */
@Slow(seconds = 12)
class KilledRunnerTest {

    private static final Path SAMPLE = Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json");

    @TempDir
    Path work;

    @Test
    void runnerKilledDuringIntegrate_leavesNoStuckState_andRedriveFinishesItsFile() throws Exception {
        Path stateDir = work.resolve("state");
        Path inbox = Files.createDirectories(work.resolve("drop/gestimmo"));
        Path file = Files.copy(SAMPLE, inbox.resolve(SAMPLE.getFileName()));
        Process first = runnerInChildJvm(file, stateDir);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> seen = new ArrayList<>();
            awaitLine(lines, "dropping", seen);

            LoadersRun second = loaders("run", file.toString(), "--state-dir", stateDir.toString());
            assertThat(second.status()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
            assertThat(second.stderr().strip()).isEqualTo(stateDir + " is in use by another ./loaders (pid "
                    + first.pid() + "): wait for it to end, or give another --state-dir");

            awaitLine(lines, " Integrate", seen);
            first.destroyForcibly().waitFor();
        }
        long orphan = Long.parseLong(Files.readAllLines(stateDir.resolve("postgres/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the killed run's PostgreSQL runs on")
                .contains(true);

        // another night's file, badly named: the run goes on beside the unfinished execution, and says so
        Path other = Files.writeString(inbox.resolve("notes.json"), "{}");
        LoadersRun next = loaders("run", other.toString(), "--state-dir", stateDir.toString());
        assertThat(next.stderr()).isEmpty();
        assertThat(next.stdout()).contains("stopped the embedded PostgreSQL (pid " + orphan + ") that a killed "
                + "./loaders left running on " + stateDir.resolve("postgres"))
                .contains("1 execution of " + stateDir + " did not finish its job");
        assertThat(next.status()).isEqualTo(LoadersCommand.FILE_FAILED);

        LoadersRun redrive = loaders("redrive", "--state-dir", stateDir.toString());
        assertThat(redrive.stderr()).isEmpty();
        assertThat(redrive.stdout()).contains("redriving 1 execution:", "1 redriven: 1 succeeded, 0 failed; 0 still "
                + "unfinished");
        assertThat(redrive.status()).isEqualTo(LoadersCommand.OK);
        assertThat(loaders("redrive", "--state-dir", stateDir.toString()).stdout())
                .contains("nothing to redrive");
        assertThat(files(stateDir.resolve(ExecutionJournal.FOLDER)))
                .as("the journal keeps no finished execution: the redriven one and the badly named file's are gone")
                .isEmpty();

        Path bucket = stateDir.resolve("s3/" + LocalPipeline.INGEST_BUCKET);
        assertThat(files(bucket.resolve("inbox"))).isEmpty();
        assertThat(files(bucket.resolve("success/gestimmo"))).as("the file, its report and page, the codes' catalogue")
                .hasSize(4).filteredOn(f -> !f.getFileName().toString().equals("error-codes.html"))
                .allMatch(f -> f.getFileName().toString().startsWith("caracteristiques_20261123."));
    }

    @Test
    void redrive_leavesAPipelineFailedExecutionWhosePartnerWasTold_andSaysWhy() throws Exception {
        Path stateDir = work.resolve("state");
        var input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("runId", "r1");
        input.putObject("file").put("bucket", LocalPipeline.INGEST_BUCKET)
                .put("key", "inbox/gestimmo/caracteristiques_20261123.json");
        ExecutionJournal journal = new ExecutionJournal(stateDir);
        journal.entered("gestimmo-caracteristiques_20261123-r1", input, "PipelineFailed", "Fail", input);
        journal.ended(new LocalStateMachine.Execution("gestimmo-caracteristiques_20261123-r1", input,
                LocalStateMachine.Execution.Status.FAILED, null, "PipelineFailed", "an error no retry mends",
                List.of("Integrate", "ArchiveRejectedFile", "NotifyRejected", "PipelineFailed")));

        LoadersRun redrive = loaders("redrive", "--state-dir", stateDir.toString());

        assertThat(redrive.stderr()).isEmpty();
        assertThat(redrive.stdout()).contains("left as it is, 1 execution that ended PipelineFailed with the partner "
                + "told (nothing to redrive: the file is in failure/, and goes through when sent again once the "
                + "cause is fixed):\n  gestimmo-caracteristiques_20261123-r1 "
                + "(inbox/gestimmo/caracteristiques_20261123.json), ended ")
                .contains("every execution in " + stateDir + " finished its job: nothing to redrive");
        assertThat(redrive.status()).isEqualTo(LoadersCommand.OK);
    }

    @Test
    void redrive_withAnUnknownOption_isAUsageError() {
        LoadersRun result = loaders("redrive", "--state", "x");
        assertThat(result.status()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(result.stderr()).startsWith("unknown option --state\n\n" + RedriveCommand.USAGE);
    }

    /** {@code ./loaders run FILE --state-dir DIR} in a JVM of its own, its output to read. */
    private static Process runnerInChildJvm(Path file, Path stateDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the test JVMs' quick JIT and serial collector (the root pom's test.jvm.speed): it runs one small file
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dloaders.log.level=warn"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        // the build's PostgreSQL seeds (LocalPostgres): its state folder's cluster is copied, not made by initdb
        String seeds = System.getProperty("loaders.postgres.seeds");
        if (seeds != null) {
            command.add("-Dloaders.postgres.seeds=" + seeds);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadersCommand.class.getName(), "run",
                file.toString(), "--state-dir", stateDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitLine(BufferedReader lines, String containing, List<String> seen) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.add(line);
            if (line.contains(containing)) {
                return;
            }
        }
        throw new AssertionError("the runner ended before printing '" + containing + "': " + seen);
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> found = Files.walk(folder)) {
            return found.filter(Files::isRegularFile).toList();
        }
    }
}
