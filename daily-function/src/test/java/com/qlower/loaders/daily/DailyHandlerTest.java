package com.qlower.loaders.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.PostgresDeliveryLog;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import com.qlower.loaders.testing.SampleReports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The daily function on {@code events/daily-summary.json} and {@code events/daily-missing-drop-check.json}, read by
 * the Lambda runtime's serializer, over a real S3 protocol server and a real PostgreSQL holding what the archiver and
 * the validator write.
 */
class DailyHandlerTest {

    private static final String BUCKET = "qlower-ingest-daily";
    private static final Context CONTEXT = LambdaContexts.named("qlower-loaders-prod-daily");
    /** Long after the events' times: the handler must work from the schedule's time, not from now. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(BUCKET).emptiedBeforeEachTest();
    private static PostgresRunLedger ledger;
    private static PostgresPartnerRegistry partners;
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private DailyHandler handler;

    @BeforeAll
    static void start() throws Exception {
        ledger = new PostgresRunLedger(infrastructure.database());
        partners = new PostgresPartnerRegistry(infrastructure.database());
    }

    @BeforeEach
    void wireTheHandler() {
        handler = DailyWiring.forLocal(LocalAdapters.onPostgres(infrastructure.objectStore(),
                infrastructure.database(), NOW), BUCKET,
                new MetricsLog(new PrintStream(metrics, true, StandardCharsets.UTF_8)::println, NOW));
    }

    @ParameterizedTest
    @Event(value = "../events/daily-summary.json", type = DailyRequest.class)
    void summary_writesEachPartnersPreviousParisDay_asJsonAndAsAPageInItsLanguage(DailyRequest request)
            throws Exception {
        partners.save(InMemoryPartnerRegistry.everyLoader("gestimmo"));
        partners.save(english("immo-sud"));
        // 2026-11-23 in Paris is [2026-11-22T23:00Z, 2026-11-23T23:00Z)
        ledger.recordOutcome(SampleReports.archived(runId('a'), "gestimmo", "caracteristiques_20261123.json",
                FileOutcome.SUCCEEDED, new Counts(5, 5, 0, 5, 0, 0, 0, 0), List.of(),
                Instant.parse("2026-11-22T23:30:00Z")));
        ledger.recordOutcome(SampleReports.archived(runId('b'), "gestimmo", "transactions_20261123.json",
                FileOutcome.FAILED, new Counts(3, 0, 3, 0, 0, 0, 0, 0), List.of(
                        FileError.ofFile(ErrorCode.RECORD_COUNT_MISMATCH, Message.of("fr", "en"), null)),
                Instant.parse("2026-11-23T02:00:00Z")));
        recordOneRecordFile('c', "gestimmo", "transactions_20261122.json", "2026-11-22T22:59:59Z");
        recordOneRecordFile('d', "gestimmo", "transactions_20261124.json", "2026-11-23T23:00:00Z");

        DailyResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result.summaryKeys()).containsExactly("summaries/2026-11-23/gestimmo.json",
                "summaries/2026-11-23/gestimmo.html", "summaries/2026-11-23/immo-sud.json",
                "summaries/2026-11-23/immo-sud.html");
        assertThat(result.partnersWithoutDrop()).isEmpty();
        assertThat(keysUnder("")).containsExactlyInAnyOrderElementsOf(result.summaryKeys());
        JsonNode gestimmo = ContractJson.internalMapper().readTree(bytesOf("summaries/2026-11-23/gestimmo.json"));
        assertThat(gestimmo.path("date").asText()).isEqualTo("2026-11-23");
        assertThat(gestimmo.path("files_received").asInt()).as("the files of that Paris day only").isEqualTo(2);
        assertThat(gestimmo.path("succeeded").asInt()).isEqualTo(1);
        assertThat(gestimmo.path("failed").asInt()).isEqualTo(1);
        assertThat(gestimmo.path("counts").path("received").asLong()).isEqualTo(8);
        assertThat(gestimmo.path("counts").path("rejected").asLong()).isEqualTo(3);
        assertThat(gestimmo.path("error_count").asLong()).isEqualTo(1);
        assertThat(gestimmo.at("/files/0/object_key").asText()).isEqualTo(
                "inbox/gestimmo/caracteristiques_20261123.json");
        assertThat(gestimmo.at("/files/1/outcome").asText()).isEqualTo("FAILED");
        assertThat(gestimmo.at("/files/1/first_error").asText()).isEqualTo("RECORD_COUNT_MISMATCH");
        assertThat(new String(bytesOf("summaries/2026-11-23/gestimmo.html"), StandardCharsets.UTF_8))
                .contains("<html lang=\"fr\">", "<title>Fichiers reçus le 23/11/2026 — gestimmo</title>",
                        "<td><code>RECORD_COUNT_MISMATCH</code></td>");
        assertThat(new String(bytesOf("summaries/2026-11-23/immo-sud.html"), StandardCharsets.UTF_8))
                .contains("<html lang=\"en\">", "<p>No file received that day.</p>");
        assertThat(infrastructure.s3Client().headObject(b -> b.bucket(BUCKET).key("summaries/2026-11-23/gestimmo.html"))
                .contentType()).isEqualTo("text/html");
    }

    @Test
    void summary_ofADayAskedForByAnOperator_writesThatDay() {
        partners.save(InMemoryPartnerRegistry.everyLoader("gestimmo"));

        DailyResult result = handler.handleRequest(new DailyRequest(DailyRequest.Task.SUMMARY, null, "2026-11-02"),
                CONTEXT);

        assertThat(result.summaryKeys()).containsExactly("summaries/2026-11-02/gestimmo.json",
                "summaries/2026-11-02/gestimmo.html");
    }

    @ParameterizedTest
    @Event(value = "../events/daily-missing-drop-check.json", type = DailyRequest.class)
    void missingDropCheck_emitsOneMetricLinePerRegisteredPartnerSilentSinceThePreviousDeadline(DailyRequest request)
            throws Exception {
        // the deadline is 2026-11-24T06:00Z (07:00 in Paris); the previous one 2026-11-23T06:00Z
        for (String id : List.of("gestimmo", "immo-sud", "en-retard", "absent")) {
            partners.save(InMemoryPartnerRegistry.everyLoader(id));
        }
        ledger.recordOutcome(SampleReports.archived(runId('a'), "gestimmo", "transactions_20261124.json",
                FileOutcome.FAILED, new Counts(1, 0, 1, 0, 0, 0, 0, 0), List.of(),
                Instant.parse("2026-11-24T02:00:00Z")));
        new PostgresDeliveryLog(infrastructure.database()).record(new DeliveryLog.Delivery(runId('b'),
                new FileRef(BUCKET, "inbox/immo-sud/transactions_20261124.json", null), "still-running",
                DeliveryLog.Outcome.STARTED, Instant.parse("2026-11-24T05:59:00Z")));
        recordOneRecordFile('c', "en-retard", "transactions_20261123.json", "2026-11-23T05:59:59Z");
        recordOneRecordFile('d', "en-retard", "transactions_20261124.json", "2026-11-24T06:00:00Z");

        DailyResult result = handler.handleRequest(request, CONTEXT);

        assertThat(result.partnersWithoutDrop()).containsExactly("absent", "en-retard");
        assertThat(result.summaryKeys()).isEmpty();
        List<String> lines = metrics.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode line = ContractJson.internalMapper().readTree(lines.get(1));
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.millis());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.path("Namespace").asText()).isEqualTo("QlowerLoaders");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Partner\"]]");
        assertThat(directive.path("Metrics").toString())
                .isEqualTo("[{\"Name\":\"MissingNightlyDrop\",\"Unit\":\"Count\"}]");
        assertThat(line.path("Partner").asText()).isEqualTo("en-retard");
        assertThat(line.path("MissingNightlyDrop").isInt()).isTrue();
        assertThat(line.path("MissingNightlyDrop").asInt()).isEqualTo(1);
        assertThat(ContractJson.internalMapper().readTree(lines.get(0)).path("Partner").asText()).isEqualTo("absent");
    }

    @Test
    void missingDropCheck_whenEveryPartnerSentItsDrop_emitsNothing() {
        partners.save(InMemoryPartnerRegistry.everyLoader("gestimmo"));
        recordOneRecordFile('a', "gestimmo", "transactions_20261124.json", "2026-11-24T02:00:00Z");

        DailyResult result = handler.handleRequest(new DailyRequest(DailyRequest.Task.MISSING_DROP_CHECK,
                "2026-11-24T06:00:00Z", null), CONTEXT);

        assertThat(result.partnersWithoutDrop()).isEmpty();
        assertThat(metrics.size()).isZero();
    }

    @Test
    void schedulesInTheTemplate_sendTheEvents_withTheSchedulersTime() throws Exception {
        String template = Files.readString(Path.of("../template.yaml"));
        Matcher inputs = Pattern.compile("Input: '(\\{\"task\".*)'").matcher(template);
        List<String> sent = inputs.results().map(m -> m.group(1)).toList();

        assertThat(sent).hasSize(2);
        for (String event : List.of("daily-summary.json", "daily-missing-drop-check.json")) {
            JsonNode expected = ContractJson.internalMapper().readTree(Path.of("../events", event).toFile());
            assertThat(sent).anySatisfy(input -> assertThat(ContractJson.internalMapper().readTree(input.replace(
                    "<aws.scheduler.scheduled-time>", expected.path("scheduledTime").asText()))).isEqualTo(expected));
        }
    }

    /** A file of one record, integrated, as the archiver records it. */
    private static void recordOneRecordFile(char run, String partnerId, String fileName, String receivedAt) {
        ledger.recordOutcome(SampleReports.archived(runId(run), partnerId, fileName, FileOutcome.SUCCEEDED,
                new Counts(1, 1, 0, 1, 0, 0, 0, 0), List.of(), Instant.parse(receivedAt)));
    }

    private static Partner english(String partnerId) {
        Partner p = InMemoryPartnerRegistry.everyLoader(partnerId);
        return new Partner(p.partnerId(), p.displayName(), Partner.Language.EN, p.contactEmails(), null, null, true,
                p.loaders(), p.rejectTolerancePercent());
    }

    private static String runId(char c) {
        return String.valueOf(c).repeat(32);
    }

    private static byte[] bytesOf(String key) {
        return infrastructure.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    private static List<String> keysUnder(String prefix) {
        return infrastructure.s3Client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
    }
}
