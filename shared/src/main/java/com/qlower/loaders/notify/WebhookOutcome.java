package com.qlower.loaders.notify;

/**
 * What became of one webhook event after every attempt.
 *
 * @param attempts how many requests were sent (0 when the endpoint was refused before any)
 * @param lastStatus the last HTTP status received, or null (timeout, connection refused, not sent)
 * @param detail why it failed, for operators (never the body or the secret)
 */
public record WebhookOutcome(Status status, int attempts, Integer lastStatus, String detail) {

    public enum Status {
        /** A 2xx answer. */
        DELIVERED,
        /** No 2xx after the last attempt, or an answer not worth retrying (4xx other than 410 and 429, a 3xx). */
        FAILED,
        /** The endpoint answered 410 Gone: the partner's webhook is to be disabled. */
        ENDPOINT_GONE,
        /** The endpoint was not called: it resolves to a private, loopback or link-local address, or is not https. */
        REFUSED
    }
}
