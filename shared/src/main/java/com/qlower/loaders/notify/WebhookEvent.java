package com.qlower.loaders.notify;

import java.time.Instant;

/**
 * One Standard Webhooks event: its id (the same on every attempt, so the partner can drop repeats), its type
 * ({@code loader.file.succeeded} or {@code loader.file.failed}), when it was created, and its JSON body.
 */
public record WebhookEvent(String id, String type, Instant timestamp, byte[] body) {
}
