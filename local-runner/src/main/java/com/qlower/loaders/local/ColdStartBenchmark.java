package com.qlower.loaders.local;

import static com.qlower.loaders.local.ColdStartProbe.Client.S3;
import static com.qlower.loaders.local.ColdStartProbe.Client.S3_PRESIGNER;
import static com.qlower.loaders.local.ColdStartProbe.Client.SECRETS_MANAGER;
import static com.qlower.loaders.local.ColdStartProbe.Client.SES;
import static com.qlower.loaders.local.ColdStartProbe.Client.STEP_FUNCTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.localservers.LambdaRuntimeApi;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.localservers.LocalSecretsManager;
import com.qlower.loaders.steps.StepJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./loaders bench-coldstart [--runs N]}: each function's deployable (shaded) jar started in a fresh JVM under
 * the real Lambda Java runtime interface client, with the JVM flags of Lambda's {@code java21} runtime, against a
 * local Runtime API ({@link LambdaRuntimeApi}), its environment pointing at local servers (embedded PostgreSQL,
 * S3Proxy, {@link LocalSecretsManager}); and, in the same run, interleaved, the function's {@link ColdStartProbe}, a
 * handler on the same jar that only builds the SDK clients the function builds. Init is the time from the JVM's
 * start to the runtime's first request for an event (what Lambda bills as Init); then the function's {@code events/}
 * file is its first invocation. Prints each function's jar size, the medians of init, probe init, their ratio, and
 * the first invocation, with a verdict on the target (init at most {@value #MAX_RATIO} times the probe's).
 */
public final class ColdStartBenchmark {

    /** How many starts of each function and probe when {@code --runs} is not given. */
    static final int DEFAULT_RUNS = 3;
    /** A function's init, as a multiple of its SDK-only probe's: at most this (issue 14). */
    static final double MAX_RATIO = 1.5;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("coldstart.timeout", 180));
    private static final String DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:bench-db";
    /** The bucket the events of {@code events/} name. */
    private static final String EVENTS_BUCKET = "qlower-loaders-ingest-prod";

    /**
     * A deployed function: its module ({@code NAME-function}), handler, event file, memory (template.yaml) and the
     * SDK clients its wiring builds at cold start (its {@code *Wiring.forAws} and {@code DatabaseSecret}).
     */
    record Function(String name, String handler, String event, int memoryMb, List<ColdStartProbe.Client> clients) {
        Path jar(Path root) {
            return root.resolve(name + "-function/target/" + name + "-function.jar");
        }
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("validator", "com.qlower.loaders.validator.ValidatorHandler", "validator-s3-put.json", 1024,
                    List.of(SECRETS_MANAGER, S3, STEP_FUNCTIONS)),
            new Function("transformer", "com.qlower.loaders.transformer.TransformerHandler",
                    "transformer-request.json", 2048, List.of(SECRETS_MANAGER, S3)),
            new Function("integrator", "com.qlower.loaders.integrator.IntegratorHandler", "integrator-request.json",
                    2048, List.of(SECRETS_MANAGER, S3)),
            new Function("archiver", "com.qlower.loaders.archiver.ArchiverHandler",
                    "archiver-succeeded-request.json", 1024, List.of(SECRETS_MANAGER, S3)),
            new Function("notifier", "com.qlower.loaders.notifier.NotifierHandler", "notifier-request.json", 1024,
                    List.of(SECRETS_MANAGER, S3, SES, SECRETS_MANAGER, S3_PRESIGNER)),
            new Function("daily", "com.qlower.loaders.daily.DailyHandler", "daily-summary.json", 1024,
                    List.of(SECRETS_MANAGER, S3)));

    /** One start of a function or probe: its init, its first invocation, and what that invocation answered. */
    record Start(long initNanos, long firstInvocationNanos, String answer) {
    }

    /** A function's line of the table: medians over the runs. */
    record Row(String function, long jarBytes, double initSeconds, double probeInitSeconds,
               double firstInvocationSeconds, String firstAnswer) {
        double ratio() {
            return initSeconds / probeInitSeconds;
        }

        boolean met() {
            return ratio() <= MAX_RATIO;
        }
    }

    static final String USAGE = """
            usage: ./loaders bench-coldstart [--runs N]     (default N: %d)

              Starts each function's deployable jar (./loaders build) in a fresh JVM under the Lambda Java
              runtime interface client, with the java21 runtime's JVM flags, against a local Runtime API and
              local servers (embedded PostgreSQL, S3Proxy, a Secrets Manager stand-in), then its events/ file;
              and, interleaved, a probe on the same jar that only builds the function's SDK clients. Prints each
              function's jar size and the medians of N runs: init (JVM start to the first event request, what
              Lambda bills as Init), probe init, their ratio, and the first invocation, with a verdict on the
              target (init at most %.1f times the probe's). Ratios compare; times vary with the machine's load.

            exit status: 0 every target met, 1 a target missed, 2 usage or infrastructure error"""
            .formatted(DEFAULT_RUNS, MAX_RATIO);

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

    private final Path root;
    private final Map<String, String> environment;
    private final Path work;

    private ColdStartBenchmark(Path root, Map<String, String> environment, Path work) {
        this.root = root;
        this.environment = environment;
        this.work = work;
    }

    /** Measures every function {@code runs} times, prints the table and the verdict; true when every target is met. */
    static boolean run(PrintStream out, int runs) throws Exception {
        return run(out, runs, FUNCTIONS);
    }

    static boolean run(PrintStream out, int runs, List<Function> functions) throws Exception {
        List<Row> rows = measure(out, projectRoot(), runs, functions);
        out.print(table(rows));
        out.println(verdict(rows));
        return rows.stream().allMatch(Row::met);
    }

    /** Starts the local servers, then each function and its probe {@code runs} times, interleaved. */
    static List<Row> measure(PrintStream out, Path root, int runs, List<Function> functions) throws Exception {
        for (Function function : functions) {
            if (!Files.isRegularFile(function.jar(root))) {
                throw new IllegalStateException("no " + function.jar(root) + ": build the jars first (./loaders build)");
            }
        }
        Path work = Files.createTempDirectory("loaders-bench-coldstart");
        out.printf(Locale.ROOT, "%s; java %s (Lambda: java21); %s; load average %s%n", cpus(),
                System.getProperty("java.version"), String.join(" ", lambdaJvmFlags(1024)), loadAverage());
        try (LocalPostgres postgres = LocalPostgres.fresh();
             LocalS3Server s3 = LocalS3Server.inMemory();
             LocalSecretsManager secrets = new LocalSecretsManager(Map.of(DB_SECRET_ARN,
                     "{\"username\":\"" + LocalPostgres.USER + "\",\"password\":\"local\"}"))) {
            String jdbcUrl = postgres.createDatabase("qlower");
            try (Database database = new Database(new DatabaseConfig(jdbcUrl, LocalPostgres.USER, null))) {
                database.migrate();
            }
            try (S3Client client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)) {
                for (String bucket : List.of(EVENTS_BUCKET, "qlower-ingest", "qlower-documents")) {
                    client.createBucket(b -> b.bucket(bucket));
                }
            }
            ColdStartBenchmark bench = new ColdStartBenchmark(root,
                    functionEnvironment(postgres.port(), s3, secrets), work);
            Map<Function, List<Start>> starts = new HashMap<>();
            Map<Function, List<Start>> probes = new HashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Function function : functions) {
                    Start start = bench.start(function, false);
                    Start probe = bench.start(function, true);
                    starts.computeIfAbsent(function, f -> new ArrayList<>()).add(start);
                    probes.computeIfAbsent(function, f -> new ArrayList<>()).add(probe);
                    out.printf(Locale.ROOT, "  run %d/%d %-12s init %s, probe init %s, first invocation %s (%s)%n",
                            run, runs, function.name(), seconds(start.initNanos()), seconds(probe.initNanos()),
                            seconds(start.firstInvocationNanos()), start.answer());
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Function function : functions) {
                rows.add(row(function.name(), Files.size(function.jar(root)), starts.get(function),
                        probes.get(function)));
            }
            out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
            return rows;
        } finally {
            deleteQuietly(work);
        }
    }

    /** The medians of a function's starts and its probe's. */
    static Row row(String function, long jarBytes, List<Start> starts, List<Start> probes) {
        return new Row(function, jarBytes, median(starts.stream().map(Start::initNanos).toList()) / 1e9,
                median(probes.stream().map(Start::initNanos).toList()) / 1e9,
                median(starts.stream().map(Start::firstInvocationNanos).toList()) / 1e9,
                starts.getLast().answer());
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-12s %9s %8s %11s %6s %13s  %s%n", "function", "jar", "init", "probe init", "ratio",
                "first invoke", "first answer"));
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "%-12s %6.1f MB %6.2f s %9.2f s %6.2f %11.2f s  %s%n",
                    row.function(), row.jarBytes() / 1e6, row.initSeconds(), row.probeInitSeconds(), row.ratio(),
                    row.firstInvocationSeconds(), row.firstAnswer()));
        }
        return table.toString();
    }

    static String verdict(List<Row> rows) {
        return rows.stream().map(row -> String.format(Locale.ROOT, "%s: init %.2f times its probe's (target at most "
                + "%.1f): %s", row.function(), row.ratio(), MAX_RATIO, row.met() ? "met" : "MISSED"))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The flags Lambda's java21 runtime starts the JVM with (its bootstrap: heap 85 % of the memory, serial GC,
     * class data sharing, C1 only, IPv4), plus template.yaml's {@code JAVA_TOOL_OPTIONS}, which repeat the C1 flags.
     * Lambda's own CDS archive of its runtime classes is not here: the JDK's default archive is.
     */
    static List<String> lambdaJvmFlags(int memoryMb) {
        return List.of("-XX:MaxHeapSize=" + memoryMb * 85 / 100 + "m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr");
    }

    /** One fresh JVM under the runtime client: the function's handler, or its probe's; always stopped after. */
    Start start(Function function, boolean probe) throws Exception {
        Path log = Files.createTempFile(work, function.name() + (probe ? "-probe" : ""), ".log");
        String handler = (probe ? ColdStartProbe.class.getName() : function.handler()) + "::handleRequest";
        List<String> classpath = new ArrayList<>(List.of(function.jar(root).toString()));
        if (probe) {
            classpath.add(probeClasses().toString());
        }
        classpath.addAll(runtimeClientJars(root));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(lambdaJvmFlags(function.memoryMb()));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        try (LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi()) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(Map.of(
                    "AWS_LAMBDA_RUNTIME_API", runtimeApi.address(),
                    "_HANDLER", handler,
                    "AWS_LAMBDA_FUNCTION_NAME", "qlower-loaders-bench-" + function.name(),
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()),
                    ColdStartProbe.CLIENTS_VARIABLE, function.clients().stream().map(Enum::name)
                            .collect(Collectors.joining(","))));
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                long firstPoll = runtimeApi.awaitFirstPoll(START_TIMEOUT);
                String event = probe ? "{\"note\":\"probe\"}" : Files.readString(root.resolve("events/" + function.event()));
                long invoked = System.nanoTime();
                LambdaRuntimeApi.Answer answer = runtimeApi.invoke(event, START_TIMEOUT);
                return new Start(firstPoll - started, System.nanoTime() - invoked, describe(answer));
            } catch (LambdaRuntimeApi.InitFailed e) {
                throw new IllegalStateException((probe ? "the probe of " : "") + function.name()
                        + " could not start: " + e.body() + "\n" + tail(log), e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException((probe ? "the probe of " : "") + function.name() + " did not answer in "
                        + START_TIMEOUT.toSeconds() + " s; its output:\n" + tail(log), e);
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code ok}, or the error type (simple name) of an invocation's error. */
    static String describe(LambdaRuntimeApi.Answer answer) throws IOException {
        if (answer.kind() == LambdaRuntimeApi.Answer.Kind.RESULT) {
            return "ok";
        }
        JsonNode error = StepJson.mapper().readTree(answer.body());
        String type = error.path("errorType").asText("?");
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /**
     * The environment template.yaml gives the functions, pointed at the local servers: S3 at S3Proxy, Secrets
     * Manager at {@link LocalSecretsManager}, every other AWS service at a closed port (no function calls one at
     * its cold start), PostgreSQL without TLS (the embedded server has none).
     */
    static Map<String, String> functionEnvironment(int postgresPort, LocalS3Server s3, LocalSecretsManager secrets)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_REGION", "eu-west-3");
        env.put("AWS_DEFAULT_REGION", "eu-west-3");
        env.put("AWS_ACCESS_KEY_ID", LocalS3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalS3Server.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        // S3Proxy does not speak the SDK's newer checksum trailers
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("DB_SECRET_ARN", DB_SECRET_ARN);
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(postgresPort));
        env.put("DB_NAME", "qlower");
        env.put("DB_SSL_MODE", "disable");
        env.put("INGEST_BUCKET", "qlower-ingest");
        env.put("DOCUMENTS_BUCKET", "qlower-documents");
        env.put("DATA_KEY_ARN", "arn:aws:kms:eu-west-3:123456789012:key/local");
        env.put("STATE_MACHINE_ARN", "arn:aws:states:eu-west-3:123456789012:stateMachine:local");
        env.put("EMAIL_FROM", "loaders@example.com");
        env.put("SES_CONFIGURATION_SET", "qlower-loaders-bench");
        return env;
    }

    /** The runtime interface client and its libraries, copied by Maven into local-runner/target/lambda-runtime. */
    static List<String> runtimeClientJars(Path root) throws IOException {
        Path folder = root.resolve("local-runner/target/lambda-runtime");
        try (Stream<Path> jars = Files.list(folder)) {
            List<String> found = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .toList();
            if (found.stream().noneMatch(jar -> jar.contains("runtime-interface-client"))) {
                throw new IllegalStateException("no runtime interface client in " + folder);
            }
            return found;
        }
    }

    /** The probe's classes, out of this jar into a folder of their own: the probe runs on the function's jar. */
    private Path probeClasses() throws IOException {
        Path folder = work.resolve("probe");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        for (Class<?> type : List.of(ColdStartProbe.class, ColdStartProbe.Client.class, ColdStartProbe.Request.class,
                ColdStartProbe.Result.class)) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = folder.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return folder;
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

    /** The start and the end of a process's output: a JVM's fatal error report begins with its cause. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        if (lines.size() <= 60) {
            return String.join("\n", lines);
        }
        return String.join("\n", lines.subList(0, 30)) + "\n...\n"
                + String.join("\n", lines.subList(lines.size() - 30, lines.size()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
