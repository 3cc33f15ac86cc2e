package com.qlower.loaders.adapters.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.qlower.loaders.notify.WebhookOutcome.Status.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.notify.WebhookOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoints inside our network, or not https, are refused before any request, on AWS (no loopback allowed). */
class StandardWebhookSenderRefusalTest {

    private final WireMockServer wiremock = new WireMockServer(wireMockConfig().dynamicPort());
    private final List<WebhookAttemptLog.Attempt> logged = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final StandardWebhookSender sender = new StandardWebhookSender(
            new StandardWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 5, false),
            logged::add, waits::add, new SplittableRandom(1));

    @BeforeEach
    void startEndpoint() {
        wiremock.start();
        wiremock.stubFor(post("/hooks").willReturn(ok()));
    }

    @AfterEach
    void stopEndpoint() {
        wiremock.stop();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1/hooks", "https://10.0.0.5/hooks",
            "https://169.254.169.254/latest/meta-data", "https://[::1]/hooks", "https://localhost/hooks",
            "https://[::ffff:127.0.0.1]/hooks", "http://example.com/hooks"})
    void deliver_refusesBeforeAnyRequest(String endpoint) {
        assertRefusedWithoutARequest(URI.create(endpoint));
    }

    @Test
    void deliver_refusesTheLocalEndpoint_whenLoopbackIsNotAllowed() {
        assertRefusedWithoutARequest(URI.create(wiremock.baseUrl() + "/hooks"));
        assertRefusedWithoutARequest(URI.create("https://localhost:" + wiremock.port() + "/hooks"));
    }

    private void assertRefusedWithoutARequest(URI endpoint) {
        logged.clear();
        WebhookEvent event = new WebhookEvent("msg_1", "loader.file.failed", Instant.now(),
                "{}".getBytes(StandardCharsets.UTF_8));

        WebhookOutcome outcome = sender.deliver("p-001", endpoint, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", event);

        assertThat(outcome.status()).isEqualTo(REFUSED);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.lastStatus()).isNull();
        assertThat(outcome.detail()).isNotBlank();
        assertThat(wiremock.getAllServeEvents()).isEmpty();
        assertThat(waits).isEmpty();
        assertThat(logged).singleElement().satisfies(attempt -> {
            assertThat(attempt.statusCode()).isNull();
            assertThat(attempt.error()).isEqualTo(outcome.detail());
            assertThat(attempt.outcome()).isEqualTo(REFUSED);
        });
    }
}
