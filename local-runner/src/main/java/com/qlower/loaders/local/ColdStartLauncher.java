package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.localservers.LambdaRuntimeApi;
import com.qlower.loaders.steps.StepJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One cold start of {@code ./loaders bench-coldstart}: a function's jar (or its {@link ColdStartProbe}) in a fresh
 * JVM under the real Lambda Java runtime interface client, with the JVM flags of Lambda's {@code java21} runtime,
 * against a local Runtime API ({@link LambdaRuntimeApi}), timed from the JVM's start to its first request for an
 * event (wall time, the process's CPU time and the classes it loaded by then), then its first invocation. Apart
 * from the benchmark so that how a Lambda JVM is started is read alone.
 */
final class ColdStartLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("coldstart.timeout", 180));

    private final Path root;
    private final Map<String, String> environment;
    private final Path work;

    /** Starts the jars under {@code root} with {@code environment}, their logs and the probe's classes in work. */
    ColdStartLauncher(Path root, Map<String, String> environment, Path work) {
        this.root = root;
        this.environment = environment;
        this.work = work;
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
    ColdStartTable.Start start(ColdStartFunction function, boolean probe) throws Exception {
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
        // the classes loaded, one line each, to count those of the init (the JVM writes each line as it loads)
        Path classes = Path.of(log + ".classes");
        command.add("-Xlog:class+load=info:file=" + classes);
        // more flags for a closer look at one start (a flight recording of the init, say): never in the figures
        for (String flag : System.getProperty("coldstart.jvmFlags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag.replace("{log}", log.toString()));
            }
        }
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
                // the runtime waits for its first event: nothing more runs in it until the invocation below
                long initCpu = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
                int initClasses = lineCount(classes);
                String event = probe ? "{\"note\":\"probe\"}" : Files.readString(root.resolve("events/" + function.event()));
                long invoked = System.nanoTime();
                LambdaRuntimeApi.Answer answer = runtimeApi.invoke(event, START_TIMEOUT);
                return new ColdStartTable.Start(firstPoll - started, initCpu, initClasses,
                        System.nanoTime() - invoked, describe(answer));
            } catch (LambdaRuntimeApi.InitFailed e) {
                throw new IllegalStateException((probe ? "the probe of " : "") + function.name()
                        + " could not start: " + e.body() + "\n" + tail(log), e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException((probe ? "the probe of " : "") + function.name() + " did not answer in "
                        + START_TIMEOUT.toSeconds() + " s; its output:\n" + tail(log), e);
            } finally {
                // stopped as Lambda stops it, so that its shutdown hooks run (a flight recording is written then)
                process.destroy();
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static int lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.count();
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
            try (InputStream in = ColdStartLauncher.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return folder;
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
}
