package com.qlower.loaders.local;

import com.qlower.loaders.localservers.LambdaRuntimeApi;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.localservers.LocalSecretsManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./loaders bench-coldstart [--runs N]}: each function's deployable (shaded) jar started in a fresh JVM under
 * the real Lambda Java runtime interface client, with the JVM flags of Lambda's {@code java21} runtime, against a
 * local Runtime API ({@link LambdaRuntimeApi}), its environment pointing at local servers (embedded PostgreSQL,
 * S3Proxy, {@link LocalSecretsManager}); and, in the same run, interleaved (before the function every other run),
 * the function's {@link ColdStartProbe}, a handler on the same jar that only builds the SDK clients the function
 * builds. Init is the time from the JVM's start to the runtime's first request for an event (what Lambda bills as
 * Init); then the function's {@code events/} file is its first invocation. Prints each function's jar size, the
 * medians of init, probe init, their ratio, and the first invocation, with a verdict on the target (init at most
 * {@value ColdStartTable#MAX_RATIO} times the probe's) beside the lowest and highest of the runs' own ratios. This
 * class is the command and the order of the runs; {@link ColdStartFunction} lists the functions,
 * {@link ColdStartEnvironment} readies the local servers, {@link ColdStartLauncher} starts one JVM and
 * {@link ColdStartTable} computes and prints the medians.
 */
public final class ColdStartBenchmark {

    /** How many starts of each function and probe when {@code --runs} is not given. */
    static final int DEFAULT_RUNS = 3;

    static final String USAGE = """
            usage: ./loaders bench-coldstart [--runs N]     (default N: %d)

              Starts each function's deployable jar (./loaders build) in a fresh JVM under the Lambda Java
              runtime interface client, with the java21 runtime's JVM flags, against a local Runtime API and
              local servers (embedded PostgreSQL, S3Proxy, a Secrets Manager stand-in), then its events/ file;
              and, interleaved, a probe on the same jar that only builds the function's SDK clients. Prints each
              function's jar size and the medians of N runs: init (JVM start to the first event request, what
              Lambda bills as Init), probe init, their ratio; the CPU time and the classes loaded of both inits;
              and the first invocation, with a verdict on the target (init at most %.1f times the probe's)
              beside the lowest and highest of the runs' own ratios (the probe starts first every other run).
              Ratios compare; times vary with the machine's load, CPU time and classes much less.
              JAVA_TOOL_OPTIONS=-Dcoldstart.keep=true keeps each start's output and the classes it loaded;
              -Dcoldstart.jvmFlags="..." adds flags to each start ({log}: its output file), e.g. a flight
              recording: -XX:StartFlightRecording=filename={log}.jfr,settings=profile

            exit status: 0 every target met, 1 a target missed, 2 usage or infrastructure error"""
            .formatted(DEFAULT_RUNS, ColdStartTable.MAX_RATIO);

    /** {@code bench-coldstart [--runs N]}: the arguments checked before anything starts; the exit status. */
    static int execute(PrintStream out, PrintStream err, List<String> args) {
        int runs = DEFAULT_RUNS;
        try {
            CommandArguments arguments = CommandArguments.parse(args, Set.of("--runs"));
            arguments.positionals(0);
            String given = arguments.value("--runs");
            if (given != null) {
                if (!given.matches("[1-9][0-9]{0,2}")) {
                    throw new CommandArguments.UsageError("--runs takes a number of runs from 1, not " + given);
                }
                runs = Integer.parseInt(given);
            }
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), USAGE);
        }
        try {
            return run(out, runs) ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    /** Measures every function {@code runs} times, prints the table and the verdict; true when every target is met. */
    static boolean run(PrintStream out, int runs) throws Exception {
        return run(out, runs, ColdStartFunction.ALL);
    }

    static boolean run(PrintStream out, int runs, List<ColdStartFunction> functions) throws Exception {
        List<ColdStartTable.Row> rows = measure(out, projectRoot(), runs, functions);
        out.print(ColdStartTable.table(rows));
        out.println(ColdStartTable.verdict(rows));
        return rows.stream().allMatch(ColdStartTable.Row::met);
    }

    /** Starts the local servers, then each function and its probe {@code runs} times, interleaved. */
    static List<ColdStartTable.Row> measure(PrintStream out, Path root, int runs, List<ColdStartFunction> functions)
            throws Exception {
        for (ColdStartFunction function : functions) {
            if (!Files.isRegularFile(function.jar(root))) {
                throw new IllegalStateException("no " + function.jar(root) + ": build the jars first (./loaders build)");
            }
        }
        Path work = Files.createTempDirectory("loaders-bench-coldstart");
        out.printf(Locale.ROOT, "%s; java %s (Lambda: java21); %s; load average %s%n", cpus(),
                System.getProperty("java.version"), String.join(" ", ColdStartLauncher.lambdaJvmFlags(1024)),
                loadAverage());
        try (LocalPostgres postgres = LocalPostgres.fresh();
             LocalS3Server s3 = LocalS3Server.inMemory();
             LocalSecretsManager secrets = ColdStartEnvironment.secrets()) {
            ColdStartEnvironment.prepare(postgres, s3);
            ColdStartLauncher launcher = new ColdStartLauncher(root,
                    ColdStartEnvironment.functionEnvironment(postgres.port(), s3, secrets), work);
            Map<ColdStartFunction, List<ColdStartTable.Start>> starts = new HashMap<>();
            Map<ColdStartFunction, List<ColdStartTable.Start>> probes = new HashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (ColdStartFunction function : functions) {
                    // the probe first every other run, so that neither always starts on the other's warm page cache
                    boolean probeFirst = run % 2 == 0;
                    ColdStartTable.Start probe = probeFirst ? launcher.start(function, true) : null;
                    ColdStartTable.Start start = launcher.start(function, false);
                    if (!probeFirst) {
                        probe = launcher.start(function, true);
                    }
                    starts.computeIfAbsent(function, f -> new ArrayList<>()).add(start);
                    probes.computeIfAbsent(function, f -> new ArrayList<>()).add(probe);
                    out.printf(Locale.ROOT, "  run %d/%d %-12s init %s (CPU %s, %d classes), probe init %s (CPU %s,"
                            + " %d classes), first invocation %s (%s)%n", run, runs, function.name(),
                            seconds(start.initNanos()), seconds(start.initCpuNanos()), start.initClasses(),
                            seconds(probe.initNanos()), seconds(probe.initCpuNanos()), probe.initClasses(),
                            seconds(start.firstInvocationNanos()), start.answer());
                }
            }
            List<ColdStartTable.Row> rows = new ArrayList<>();
            for (ColdStartFunction function : functions) {
                rows.add(ColdStartTable.row(function.name(), Files.size(function.jar(root)), starts.get(function),
                        probes.get(function)));
            }
            out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
            return rows;
        } finally {
            if (Boolean.getBoolean("coldstart.keep")) {
                out.println("each start's output and the classes it loaded (-Dcoldstart.keep=true): " + work);
            } else {
                deleteQuietly(work);
            }
        }
    }

    /** The project's root: this class is in local-runner/target/classes or local-runner/target/loaders.jar. */
    static Path projectRoot() throws Exception {
        return Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().getParent().getParent().getParent();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String cpus() {
        return Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up
        }
    }
}
