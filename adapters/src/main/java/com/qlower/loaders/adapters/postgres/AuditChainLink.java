package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One row of {@code audit_events} as its run's hash chain sees it. {@link PostgresAuditTrail} seals a new event
 * with {@link #hash()} and {@link AuditVerifier} recomputes it from the stored row: both through this one
 * canonical text, so that they cannot drift apart.
 *
 * @param action the action's name, kept as text so that a row whose action was altered still verifies (and fails)
 * @param occurredAt to the microsecond, what PostgreSQL stores
 * @param previousHash the hash of the run's event before, null for the first ({@code seq} 1)
 */
record AuditChainLink(String runId, int seq, String action, String actor, String partnerId, String objectKey,
                      String objectVersion, String sha256, String executionName, String detail, Instant occurredAt,
                      String previousHash) {

    // PostgreSQL text never holds NUL, so no stored value can contain the separator
    private static final char SEPARATOR = '\0';
    private static final DateTimeFormatter MICROSECONDS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    AuditChainLink {
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The link that appends {@code event} to its run after the event {@code previousHash} sealed. */
    static AuditChainLink following(AuditEvent event, int seq, String previousHash) {
        return new AuditChainLink(event.runId(), seq, event.action().name(), event.actor(), event.partnerId(),
                event.objectKey(), event.objectVersion(), event.sha256(), event.executionName(), event.detail(),
                event.at(), previousHash);
    }

    /** SHA-256, in lowercase hex, of the canonical text: the event, its place in the run and the link before it. */
    String hash() {
        try {
            byte[] text = canonicalText().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Every field in a fixed order as {@code name=value}, separated by NUL; a null is its bare name, so that it
     * differs from an empty text ({@code detail} against {@code detail=}).
     */
    String canonicalText() {
        StringBuilder text = new StringBuilder(256);
        field(text, "run_id", runId);
        field(text, "seq", Integer.toString(seq));
        field(text, "action", action);
        field(text, "actor", actor);
        field(text, "partner_id", partnerId);
        field(text, "object_key", objectKey);
        field(text, "object_version", objectVersion);
        field(text, "sha256", sha256);
        field(text, "execution_name", executionName);
        field(text, "detail", detail);
        field(text, "occurred_at", MICROSECONDS_UTC.format(occurredAt));
        field(text, "previous_hash", previousHash);
        return text.toString();
    }

    private static void field(StringBuilder text, String name, String value) {
        if (!text.isEmpty()) {
            text.append(SEPARATOR);
        }
        text.append(name);
        if (value != null) {
            text.append('=').append(value);
        }
    }
}
