package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.errors.ColdStartFailure;
import com.qlower.loaders.localservers.LambdaRuntimeApi;
import com.qlower.loaders.steps.StepJson;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each packaged function jar (what SAM deploys) in its own process under the real Lambda Java runtime interface
 * client, against a local Runtime API, on its {@code events/} file, with no AWS endpoint reachable: the handler
 * class loads from the jar, its wiring fails at the cold start as it does when the secret cannot be read, and the
 * runtime reports that init error under the name the state machine retries, {@link ColdStartFailure}, not an SDK
 * class it cannot list. The jars are packaged by {@code ./loaders test} (Maven's {@code verify}) before this module's
 * tests run.
 */
@Slow(seconds = 10)
class FunctionJarsUnderRuntimeClientTest {

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("validator", "com.qlower.loaders.validator.ValidatorHandler", "validator-s3-put.json"),
                Arguments.of("transformer", "com.qlower.loaders.transformer.TransformerHandler",
                        "transformer-request.json"),
                Arguments.of("integrator", "com.qlower.loaders.integrator.IntegratorHandler",
                        "integrator-request.json"),
                Arguments.of("archiver", "com.qlower.loaders.archiver.ArchiverHandler",
                        "archiver-succeeded-request.json"),
                Arguments.of("notifier", "com.qlower.loaders.notifier.NotifierHandler", "notifier-request.json"),
                Arguments.of("daily", "com.qlower.loaders.daily.DailyHandler", "daily-summary.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void coldStartWithoutItsSecret_isReportedByTheRuntimeAsColdStartFailure(String function, String handler,
                                                                          String event) throws Exception {
        Path jar = Path.of("../" + function + "-function/target/" + function + "-function.jar");
        assertThat(jar).as("the packaged jar: run ./loaders test (Maven verify), which packages it first")
                .exists();
        try (LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi()) {
            Process process = start(jar, handler, runtimeApi.address());
            try {
                LambdaRuntimeApi.Answer answer = runtimeApi.invoke(
                        Files.readString(Path.of("../events/" + event)), Duration.ofSeconds(120));

                assertThat(answer.kind()).as(answer.body()).isEqualTo(LambdaRuntimeApi.Answer.Kind.INIT_ERROR);
                JsonNode error = StepJson.mapper().readTree(answer.body());
                assertThat(error.path("errorType").asText()).as(answer.body())
                        .isEqualTo(ColdStartFailure.class.getName());
                assertThat(error.path("errorMessage").asText())
                        .contains("the " + function + " function could not start");
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code java -cp function.jar:runtime-client… AWSLambda handler}, as the RIC's documentation runs it. */
    private static Process start(Path jar, String handler, String runtimeApi) throws Exception {
        String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(),
                jarOf(AWSLambda.class), jarOf(JacksonFactory.class),
                jarOf(com.amazonaws.services.lambda.runtime.Context.class),
                jarOf(Class.forName("software.amazon.awssdk.utilslite.SdkInternalThreadLocal")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JIT and collector the Lambda Java runtime (17 and later) starts a function with: C1 only, serial
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classpath, AWSLambda.class.getName(), handler + "::handleRequest");
        Map<String, String> env = builder.environment();
        env.clear();
        String nowhere = "http://127.0.0.1:" + closedPort();
        env.putAll(new HashMap<>(Map.ofEntries(
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("_HANDLER", handler + "::handleRequest"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", "qlower-loaders-local-" + handler),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
                Map.entry("AWS_REGION", "eu-west-3"),
                Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local"),
                // every AWS client of the function: nothing listens there
                Map.entry("AWS_ENDPOINT_URL", nowhere),
                Map.entry("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db"),
                Map.entry("DB_HOST", "127.0.0.1"),
                Map.entry("DB_NAME", "qlower"),
                Map.entry("INGEST_BUCKET", "qlower-ingest"),
                Map.entry("DOCUMENTS_BUCKET", "qlower-documents"),
                Map.entry("DATA_KEY_ARN", "arn:aws:kms:eu-west-3:123456789012:key/local"),
                Map.entry("STATE_MACHINE_ARN", "arn:aws:states:eu-west-3:123456789012:stateMachine:local"),
                Map.entry("EMAIL_FROM", "loaders@example.com"))));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
