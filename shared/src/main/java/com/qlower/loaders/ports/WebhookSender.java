package com.qlower.loaders.ports;

import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.notify.WebhookOutcome;
import java.net.URI;

/**
 * Delivers webhook events as the Standard Webhooks specification says: headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,} then base64 HMAC-SHA256 over
 * {@code id.timestamp.body} with the partner's secret), retries with exponential backoff and jitter on timeouts,
 * 5xx and 429 with the same id, no redirects followed, and endpoints resolving to private, loopback or link-local
 * addresses refused.
 *
 * <p>Contract: every attempt is recorded (the {@code webhook_deliveries} table); never throws for what the endpoint
 * does: the outcome says it.
 */
public interface WebhookSender {

    /**
     * @param secret the signing secret as Standard Webhooks gives it: {@code whsec_} then base64
     */
    WebhookOutcome deliver(String partnerId, URI endpoint, String secret, WebhookEvent event);
}
