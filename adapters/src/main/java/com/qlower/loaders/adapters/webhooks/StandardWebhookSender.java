package com.qlower.loaders.adapters.webhooks;

import static com.qlower.loaders.notify.WebhookOutcome.Status.DELIVERED;
import static com.qlower.loaders.notify.WebhookOutcome.Status.ENDPOINT_GONE;
import static com.qlower.loaders.notify.WebhookOutcome.Status.FAILED;
import static com.qlower.loaders.notify.WebhookOutcome.Status.REFUSED;

import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.notify.WebhookOutcome;
import com.qlower.loaders.ports.WebhookSender;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@link WebhookSender} over {@link HttpClient}: each attempt checked by the {@link EndpointGuard}, signed afresh
 * (the timestamp is the attempt's, as receivers reject old ones) and recorded in the {@link WebhookAttemptLog};
 * timeouts, connection errors, 5xx and 429 retried with {@link Backoff}, under the same {@code webhook-id}.
 */
public final class StandardWebhookSender implements WebhookSender {

    /** Waits between attempts; tests record the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param allowLoopback for the local runner only: see {@link EndpointGuard#EndpointGuard(boolean)}
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, boolean allowLoopback) {
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 5, false);
        }
    }

    /** What one attempt got: a status, or an error; nothing was sent when refused. */
    private record Answer(Integer status, String error, boolean refused, Duration retryAfter) {
    }

    private final Settings settings;
    private final WebhookAttemptLog log;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final EndpointGuard guard;
    /** Built at the first delivery: see {@link #http()}. */
    private HttpClient http;

    /**
     * The jitter of each wait between attempts is drawn from a generator seeded then: a generator seeded at init
     * would be in a SnapStart snapshot and give every instance restored from it the same waits.
     */
    public StandardWebhookSender(Settings settings, WebhookAttemptLog log) {
        this(settings, log, Thread::sleep, () -> new SecureRandom().nextLong());
    }

    public StandardWebhookSender(Settings settings, WebhookAttemptLog log, Sleeper sleeper, RandomGenerator random) {
        this.settings = settings;
        this.log = log;
        this.sleeper = sleeper;
        this.random = random;
        this.guard = new EndpointGuard(settings.allowLoopback());
    }

    /**
     * The HTTP client, built when a first event is delivered: only partners with an endpoint get one, and a client
     * starts a selector thread and, for https, the TLS context, which a SnapStart snapshot need not hold.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(settings.connectTimeout())
                    // one short request per event: HTTP/1.1 is what every receiver speaks, and plain http (local
                    // runner) is then not upgraded to h2c
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return http;
    }

    @Override
    public WebhookOutcome deliver(String partnerId, URI endpoint, String secret, WebhookEvent event) {
        WebhookSigningKey key = WebhookSigningKey.of(secret);
        for (int attempt = 1; ; attempt++) {
            Instant attemptedAt = Instant.now();
            long started = System.nanoTime();
            Answer answer = attempt(endpoint, key, event, attemptedAt);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Optional<WebhookOutcome> outcome = finalOutcome(answer, attempt);
            log.record(new WebhookAttemptLog.Attempt(event.id(), partnerId, withoutCredentials(endpoint), attempt,
                    answer.status(), answer.error(), took, attemptedAt,
                    outcome.map(WebhookOutcome::status).orElse(null)));
            if (outcome.isPresent()) {
                return outcome.get();
            }
            try {
                sleeper.sleep(Backoff.STANDARD.after(attempt, answer.retryAfter(), random));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new WebhookOutcome(FAILED, attempt, answer.status(), "interrupted while waiting to retry");
            }
        }
    }

    private Answer attempt(URI endpoint, WebhookSigningKey key, WebhookEvent event, Instant attemptedAt) {
        try {
            Optional<String> refusal = guard.refusal(endpoint);
            if (refusal.isPresent()) {
                return new Answer(null, refusal.get(), true, null);
            }
            HttpResponse<Void> response = http().send(signedRequest(endpoint, key, event, attemptedAt),
                    HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), null, false,
                    response.headers().firstValue("retry-after").map(StandardWebhookSender::seconds).orElse(null));
        } catch (IOException e) {
            // a timeout, a refused connection, an unknown host: the endpoint may be back on the next attempt
            String kind = e.getClass().getSimpleName();
            return new Answer(null, e.getMessage() == null ? kind : kind + ": " + e.getMessage(), false, null);
        } catch (InterruptedException e) {
            // the wait before a next attempt then ends at once
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted", false, null);
        }
    }

    private HttpRequest signedRequest(URI endpoint, WebhookSigningKey key, WebhookEvent event, Instant attemptedAt) {
        long timestamp = attemptedAt.getEpochSecond();
        return HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", key.signature(event.id(), timestamp, event.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
    }

    /** The outcome once no further attempt is to be made, or empty when one is. */
    private Optional<WebhookOutcome> finalOutcome(Answer answer, int attempt) {
        Integer status = answer.status();
        if (answer.refused()) {
            return Optional.of(new WebhookOutcome(REFUSED, attempt - 1, null, answer.error()));
        }
        if (status != null && status >= 200 && status < 300) {
            return Optional.of(new WebhookOutcome(DELIVERED, attempt, status, null));
        }
        if (status != null && status == 410) {
            return Optional.of(new WebhookOutcome(ENDPOINT_GONE, attempt, status, "HTTP 410 Gone"));
        }
        boolean worthRetrying = status == null || status == 429 || status >= 500 && status < 600;
        if (!worthRetrying) {
            String why = status >= 300 && status < 400 ? ": redirects are not followed" : ", not retried";
            return Optional.of(new WebhookOutcome(FAILED, attempt, status, "HTTP " + status + why));
        }
        if (attempt >= settings.maxAttempts()) {
            String last = status == null ? answer.error() : "HTTP " + status;
            return Optional.of(new WebhookOutcome(FAILED, attempt, status, last + " on the last of " + attempt
                    + " attempts"));
        }
        return Optional.empty();
    }

    /** A numeric {@code Retry-After}; its HTTP-date form is left to the backoff. */
    private static Duration seconds(String retryAfter) {
        return retryAfter.strip().matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(retryAfter.strip())) : null;
    }

    private static String withoutCredentials(URI endpoint) {
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(),
                    null, null).toString();
        } catch (URISyntaxException e) {
            return endpoint.getScheme() + "://" + endpoint.getHost();
        }
    }
}
