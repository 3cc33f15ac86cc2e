package com.qlower.loaders.steps;

import com.qlower.loaders.notify.WebhookOutcome;

/**
 * Output of the notifier, for the execution history: what became of each channel. A notification that did not go
 * never fails the file; operators see it here, in the logs and in the audit trail.
 */
public record NotifyResult(EmailResult email, WebhookResult webhook) {

    /** No registered partner: nobody to tell, only operators. */
    public static final NotifyResult NOBODY = new NotifyResult(EmailResult.NONE, WebhookResult.NONE);

    /** What became of the email. */
    public enum EmailResult {
        SENT,
        FAILED,
        /** An earlier attempt of this run sent it: it is not sent twice. */
        ALREADY_SENT,
        /** The partner has no contact email. */
        NONE
    }

    /** What became of the webhook event: a delivery's own outcome, or why none was attempted. */
    public enum WebhookResult {
        DELIVERED,
        FAILED,
        ENDPOINT_GONE,
        REFUSED,
        /** An earlier attempt of this run delivered it: it is not sent twice. */
        ALREADY_SENT,
        /** The partner's webhook was disabled (its endpoint answered 410 Gone). */
        DISABLED,
        /** The partner has no webhook. */
        NONE;

        public static WebhookResult of(WebhookOutcome.Status delivery) {
            return switch (delivery) {
                case DELIVERED -> DELIVERED;
                case FAILED -> FAILED;
                case ENDPOINT_GONE -> ENDPOINT_GONE;
                case REFUSED -> REFUSED;
            };
        }

        /** An event the partner's endpoint never acknowledged: what an operator is alerted of. */
        public boolean notDelivered() {
            return this == FAILED || this == REFUSED || this == ENDPOINT_GONE;
        }
    }
}
