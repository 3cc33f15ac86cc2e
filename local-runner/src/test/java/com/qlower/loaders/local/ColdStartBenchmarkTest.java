package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.localservers.LambdaRuntimeApi;
import com.qlower.loaders.localservers.LocalSecretsManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The parts of {@code ./loaders bench-coldstart} (the measurements themselves are not tests; the run of every
 * packaged jar is {@link FunctionJarsColdStartTest}): the local Runtime API as a runtime client sees it, the Secrets
 * Manager stand-in as the SDK sees it, the medians, the table and the verdict.
 */
class ColdStartBenchmarkTest {

    private static final String API = "/2018-06-01/runtime/";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void runtimeApi_timesTheFirstRequestForAnEvent_andHandsBackTheResponsePosted() throws Exception {
        try (LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi()) {
            long before = System.nanoTime();
            CompletableFuture<String> runtime = CompletableFuture.supplyAsync(() -> {
                try { // what the runtime client does: ask for an event, post its handler's result
                    HttpResponse<String> next = http.send(request(runtimeApi, "invocation/next").GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                    http.send(request(runtimeApi, "invocation/" + requestId + "/response")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"echo\":" + next.body() + "}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return requestId;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            long firstPoll = runtimeApi.awaitFirstPoll(Duration.ofSeconds(30));
            LambdaRuntimeApi.Answer answer = runtimeApi.invoke("{\"n\":1}", Duration.ofSeconds(30));

            assertThat(firstPoll).isGreaterThan(before);
            assertThat(answer.kind()).isEqualTo(LambdaRuntimeApi.Answer.Kind.RESULT);
            assertThat(answer.body()).isEqualTo("{\"echo\":{\"n\":1}}");
            assertThat(ColdStartLauncher.describe(answer)).isEqualTo("ok");
            assertThat(runtime.get()).isNotBlank();
        }
    }

    @Test
    void runtimeApi_initError_failsTheWaitWithTheRuntimesReport() throws Exception {
        try (LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi()) {
            http.send(request(runtimeApi, "init/error").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"errorType\":\"com.qlower.loaders.errors.ColdStartFailure\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThatThrownBy(() -> runtimeApi.awaitFirstPoll(Duration.ofSeconds(30)))
                    .isInstanceOf(LambdaRuntimeApi.InitFailed.class)
                    .hasMessageContaining("ColdStartFailure");
        }
    }

    @Test
    void invocationError_isDescribedByItsTypesSimpleName() throws Exception {
        LambdaRuntimeApi.Answer error = new LambdaRuntimeApi.Answer(LambdaRuntimeApi.Answer.Kind.ERROR,
                "{\"errorType\":\"com.qlower.loaders.errors.ObjectNotFound\",\"errorMessage\":\"no such key\"}");

        assertThat(ColdStartLauncher.describe(error)).isEqualTo("ObjectNotFound");
    }

    @Test
    void secretsManagerStandIn_answersTheSdksGetSecretValue_withTheDatabaseLogin() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db";
        try (LocalSecretsManager secrets = new LocalSecretsManager(Map.of(arn,
                "{\"username\":\"loader\",\"password\":\"p\\\"w\"}"));
             SecretsManagerClient client = SecretsManagerClient.builder().region(Region.EU_WEST_3)
                     .endpointOverride(secrets.endpoint())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {

            DatabaseConfig config = DatabaseSecret.read(client, arn, "127.0.0.1", 5432, "qlower", "disable");

            assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/qlower?sslmode=disable");
            assertThat(config.user()).isEqualTo("loader");
            assertThat(config.password()).isEqualTo("p\"w");
            assertThatThrownBy(() -> DatabaseSecret.read(client, arn + "-other", "h", 5432, "qlower", "require"))
                    .hasMessageContaining("no secret");
        }
    }

    @Test
    void row_takesTheMedianOfEachMeasure_andTheRatiosOfTheInits() {
        List<ColdStartTable.Start> starts = List.of(start(3.0, 1.2, 5200, 0.9, "ok"),
                start(2.0, 2.4, 5400, 0.5, "ok"), start(9.0, 1.8, 5300, 0.7, "ObjectNotFound"));
        List<ColdStartTable.Start> probes = List.of(start(1.0, 0.9, 3000, 0.1, "ok"),
                start(1.6, 1.2, 3100, 0.1, "ok"), start(1.5, 1.5, 2900, 0.1, "ok"));

        ColdStartTable.Row row = ColdStartTable.row("validator", 12_300_000, starts, probes);

        assertThat(row.init()).isEqualTo(new ColdStartTable.Init(3.0, 1.8, 5300));
        assertThat(row.probe()).isEqualTo(new ColdStartTable.Init(1.5, 1.2, 3000));
        assertThat(row.ratio()).isEqualTo(2.0);
        assertThat(row.cpuRatio()).isCloseTo(1.5, within(1e-9));
        assertThat(row.firstInvocationSeconds()).isEqualTo(0.7);
        assertThat(row.firstAnswer()).isEqualTo("ObjectNotFound");
        assertThat(row.met()).isFalse();
        // each run's own: 3.0 / 1.0, 2.0 / 1.6, 9.0 / 1.5
        assertThat(row.lowestRunRatio()).isEqualTo(1.25);
        assertThat(row.highestRunRatio()).isEqualTo(6.0);
        assertThat(ColdStartTable.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2.5);
    }

    @Test
    void table_showsEachFunctionsInitAgainstItsProbes_inWallTimeCpuTimeAndClasses_thenTheVerdict() {
        List<ColdStartTable.Row> rows = List.of(
                new ColdStartTable.Row("validator", 12_345_678, new ColdStartTable.Init(2.0, 2.6, 5321),
                        new ColdStartTable.Init(1.6, 2.0, 3900), 0.55, "ObjectNotFound", 1.1, 1.4),
                new ColdStartTable.Row("daily", 9_000_000, new ColdStartTable.Init(3.2, 3.0, 6000),
                        new ColdStartTable.Init(1.6, 2.0, 4000), 0.25, "ok", 1.9, 2.25));

        String table = ColdStartTable.table(rows);

        assertThat(table.lines().toList()).containsExactly(
                "function           jar     init    probe  ratio      CPU    probe  ratio classes   probe"
                        + "  first invoke  first answer",
                "validator      12.3 MB   2.00 s   1.60 s   1.25   2.60 s   2.00 s   1.30    5321    3900"
                        + "        0.55 s  ObjectNotFound",
                "daily           9.0 MB   3.20 s   1.60 s   2.00   3.00 s   2.00 s   1.50    6000    4000"
                        + "        0.25 s  ok");
        assertThat(ColdStartTable.verdict(rows).lines().toList()).containsExactly(
                "validator: init 1.25 times its probe's (the runs' own: 1.10 to 1.40; target at most 1.5): met",
                "daily: init 2.00 times its probe's (the runs' own: 1.90 to 2.25; target at most 1.5): MISSED");
    }

    @Test
    void lambdaJvmFlags_areThoseOfTheJava21Runtime_withTheHeapFromTheMemorySize() {
        assertThat(ColdStartLauncher.lambdaJvmFlags(2048)).startsWith("-XX:MaxHeapSize=1740m", "-XX:+UseSerialGC")
                .contains("-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");
    }

    @Test
    void command_refusesAWrongNumberOfRuns_withItsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new LoadersCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(new String[] {"bench-coldstart", "--runs",
                "0"});

        assertThat(status).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--runs takes a number of runs from 1")
                .contains("usage: ./loaders bench-coldstart [--runs N]");
    }

    private static ColdStartTable.Start start(double initSeconds, double cpuSeconds, int classes, double firstSeconds,
                                              String answer) {
        return new ColdStartTable.Start((long) (initSeconds * 1e9), (long) (cpuSeconds * 1e9), classes,
                (long) (firstSeconds * 1e9), answer);
    }

    private static HttpRequest.Builder request(LambdaRuntimeApi runtimeApi, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + runtimeApi.address() + API + path));
    }
}
