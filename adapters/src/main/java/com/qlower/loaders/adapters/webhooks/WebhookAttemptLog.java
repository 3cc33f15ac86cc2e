package com.qlower.loaders.adapters.webhooks;

import com.qlower.loaders.notify.WebhookOutcome;
import java.time.Duration;
import java.time.Instant;

/** Where every attempt to deliver a webhook event is recorded, for operators: never the body nor the secret. */
@FunctionalInterface
public interface WebhookAttemptLog {

    void record(Attempt attempt);

    /**
     * One attempt.
     *
     * @param endpoint the URL called, without user info nor query (they may carry credentials)
     * @param number from 1; an attempt refused by the {@link EndpointGuard} is recorded too, though nothing was sent
     * @param statusCode the HTTP status received, or null
     * @param error why no status was received, or why the endpoint was refused; null otherwise
     * @param outcome the event's final outcome on its last attempt; null on the others
     */
    record Attempt(String eventId, String partnerId, String endpoint, int number, Integer statusCode, String error,
                   Duration duration, Instant attemptedAt, WebhookOutcome.Status outcome) {
    }
}
