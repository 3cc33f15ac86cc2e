package com.qlower.loaders.adapters.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.qlower.loaders.notify.WebhookOutcome.Status.DELIVERED;
import static com.qlower.loaders.notify.WebhookOutcome.Status.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.notify.WebhookOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Delivery to a local HTTP server: signed as the Standard Webhooks specification says, retried under the same id
 * when the endpoint may recover, given up at once when it will not, and every attempt recorded.
 */
class StandardWebhookSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ANOTHER_SECRET = "whsec_QW5vdGhlciBwYXJ0bmVyJ3Mga2V5IQ==";
    private static final String PARTNER = "p-001";
    private static final String PATH = "/hooks/qlower";
    private static final String BODY = "{\"type\":\"loader.file.succeeded\",\"data\":{\"file\":\"owners_20260101.json\"}}";
    /** Always the top of the jitter range, so that the waits show the doubling. */
    private static final RandomGenerator TOP_OF_THE_RANGE = () -> -1L;

    private final WireMockServer wiremock = new WireMockServer(wireMockConfig().dynamicPort());
    private final List<WebhookAttemptLog.Attempt> logged = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void startEndpoint() {
        wiremock.start();
    }

    @AfterEach
    void stopEndpoint() {
        wiremock.stop();
    }

    @Test
    void deliver_signsAsTheSpecificationSays_soAReceiverVerifiesWithTheSecret_andNotWithAnother() throws Exception {
        answerInTurn(status(204));
        WebhookEvent event = event(Instant.now());

        WebhookOutcome outcome = deliver(event);

        assertThat(outcome).isEqualTo(new WebhookOutcome(DELIVERED, 1, 204, null));
        LoggedRequest request = received().getFirst();
        assertThat(request.getHeader("content-type")).isEqualTo("application/json");
        assertThat(request.getHeader("webhook-id")).isEqualTo(event.id());
        assertThat(request.getBodyAsString()).isEqualTo(BODY);
        assertThat(verifies(SECRET, request)).isTrue();
        assertThat(verifies(ANOTHER_SECRET, request)).isFalse();
    }

    @Test
    void deliver_timestampsAndSignsTheAttempt_notTheEventsCreation() throws Exception {
        answerInTurn(ok());
        long before = Instant.now().getEpochSecond();

        deliver(event(Instant.now().minus(Duration.ofHours(1))));

        LoggedRequest request = received().getFirst();
        assertThat(Long.parseLong(request.getHeader("webhook-timestamp")))
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(verifies(SECRET, request)).isTrue();
    }

    @Test
    void deliver_retries503_underTheSameId_waitingLongerEachTime_untilDelivered() throws Exception {
        answerInTurn(status(503), status(503), ok());
        WebhookEvent event = event(Instant.now());

        WebhookOutcome outcome = sender(Duration.ofSeconds(10), TOP_OF_THE_RANGE).deliver(PARTNER, endpoint(), SECRET,
                event);

        assertThat(outcome).isEqualTo(new WebhookOutcome(DELIVERED, 3, 200, null));
        assertThat(received()).extracting(r -> r.getHeader("webhook-id")).containsExactly(event.id(), event.id(),
                event.id());
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(2)).isGreaterThan(waits.get(0));
        assertThat(logged).extracting(WebhookAttemptLog.Attempt::number, WebhookAttemptLog.Attempt::statusCode,
                        WebhookAttemptLog.Attempt::outcome)
                .containsExactly(tuple(1, 503, null), tuple(2, 503, null), tuple(3, 200, DELIVERED));
        assertThat(logged).allSatisfy(attempt -> {
            assertThat(attempt.eventId()).isEqualTo(event.id());
            assertThat(attempt.partnerId()).isEqualTo(PARTNER);
            assertThat(attempt.endpoint()).isEqualTo(endpoint().toString());
            assertThat(attempt.error()).isNull();
            assertThat(attempt.duration()).isPositive();
        });
    }

    @Test
    void deliver_waitsWhatRetryAfterAsks_on429() {
        answerInTurn(status(429).withHeader("Retry-After", "7"), ok());

        WebhookOutcome outcome = sender(Duration.ofSeconds(10), TOP_OF_THE_RANGE).deliver(PARTNER, endpoint(), SECRET,
                event(Instant.now()));

        assertThat(outcome).isEqualTo(new WebhookOutcome(DELIVERED, 2, 200, null));
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void deliver_retriesATimeout() {
        answerInTurn(ok().withFixedDelay(3_000), ok());

        WebhookOutcome outcome = sender(Duration.ofMillis(300), new SplittableRandom(1)).deliver(PARTNER, endpoint(),
                SECRET, event(Instant.now()));

        assertThat(outcome).isEqualTo(new WebhookOutcome(DELIVERED, 2, 200, null));
        assertThat(logged.getFirst().statusCode()).isNull();
        assertThat(logged.getFirst().error()).containsIgnoringCase("timed out");
    }

    @Test
    void deliver_fails_afterFiveFailedAttempts() {
        answerInTurn(status(500));

        WebhookOutcome outcome = deliver(event(Instant.now()));

        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(5);
        assertThat(outcome.lastStatus()).isEqualTo(500);
        assertThat(received()).hasSize(5);
        assertThat(waits).hasSize(4);
        assertThat(logged).extracting(WebhookAttemptLog.Attempt::outcome).containsExactly(null, null, null, null,
                FAILED);
    }

    @Test
    void deliver_retriesAConnectionRefused_andSaysWhyItFailed() {
        WebhookOutcome outcome = sender(Duration.ofSeconds(10), new SplittableRandom(1)).deliver(PARTNER,
                URI.create("http://127.0.0.1:1/hooks"), SECRET, event(Instant.now()));

        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(5);
        assertThat(outcome.lastStatus()).isNull();
        assertThat(outcome.detail()).contains("ConnectException");
        assertThat(logged).hasSize(5).allSatisfy(attempt -> assertThat(attempt.error()).isNotBlank());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"410, ENDPOINT_GONE", "400, FAILED", "404, FAILED", "301, FAILED", "302, FAILED"})
    void deliver_givesUpAtOnce_onAnAnswerNotWorthRetrying_andFollowsNoRedirect(int code,
                                                                               WebhookOutcome.Status expected) {
        answerInTurn(status(code).withHeader("Location", wiremock.baseUrl() + "/elsewhere"));
        wiremock.stubFor(post("/elsewhere").willReturn(ok()));

        WebhookOutcome outcome = deliver(event(Instant.now()));

        assertThat(outcome.status()).isEqualTo(expected);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.lastStatus()).isEqualTo(code);
        assertThat(received()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(logged).extracting(WebhookAttemptLog.Attempt::outcome).containsExactly(expected);
        assertThat(wiremock.findAll(anyRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
    }

    @Test
    void deliver_logsTheEndpoint_withoutItsUserInfoNorQuery() {
        wiremock.stubFor(post(urlEqualTo(PATH + "?token=s3cret")).willReturn(ok()));

        sender(Duration.ofSeconds(10), new SplittableRandom(1)).deliver(PARTNER,
                URI.create("http://partner:s3cret@127.0.0.1:" + wiremock.port() + PATH + "?token=s3cret"), SECRET,
                event(Instant.now()));

        assertThat(logged).extracting(WebhookAttemptLog.Attempt::endpoint).containsExactly(endpoint().toString());
    }

    /** Delivers to the local endpoint with the standard request timeout. */
    private WebhookOutcome deliver(WebhookEvent event) {
        return sender(Duration.ofSeconds(10), new SplittableRandom(1)).deliver(PARTNER, endpoint(), SECRET, event);
    }

    private StandardWebhookSender sender(Duration requestTimeout, RandomGenerator random) {
        var settings = new StandardWebhookSender.Settings(Duration.ofSeconds(5), requestTimeout, 5, true);
        return new StandardWebhookSender(settings, logged::add, waits::add, random);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + wiremock.port() + PATH);
    }

    private static WebhookEvent event(Instant createdAt) {
        return new WebhookEvent("msg_" + createdAt.toEpochMilli(), "loader.file.succeeded", createdAt,
                BODY.getBytes(StandardCharsets.UTF_8));
    }

    /** The endpoint answers these in turn, then the last one again. */
    private void answerInTurn(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var stub = post(urlEqualTo(PATH)).inScenario("in turn")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i)
                    .willReturn(answers[i]);
            wiremock.stubFor(i == answers.length - 1 ? stub : stub.willSetStateTo("answer " + (i + 1)));
        }
    }

    private List<LoggedRequest> received() {
        return wiremock.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    private static boolean verifies(String secret, LoggedRequest request) throws Exception {
        return new StandardWebhooksVerifier(secret).verifies(request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"),
                request.getBodyAsString(), Instant.now());
    }
}
