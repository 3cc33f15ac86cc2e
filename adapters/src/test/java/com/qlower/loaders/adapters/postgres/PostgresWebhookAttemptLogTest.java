package com.qlower.loaders.adapters.postgres;

import static com.qlower.loaders.notify.WebhookOutcome.Status.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.webhooks.WebhookAttemptLog.Attempt;
import com.qlower.loaders.adapters.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook attempts in {@code webhook_deliveries} on a real PostgreSQL migrated by Flyway: one row per attempt. */
class PostgresWebhookAttemptLogTest {

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();
    private static final Database database = testDatabase.database();

    @Test
    void record_writesOneRowPerAttempt_withTheOutcomeOnTheLastOnly() {
        var log = new PostgresWebhookAttemptLog(database);
        Instant first = Instant.parse("2026-01-02T03:04:05Z");
        String endpoint = "https://hooks.partner.example/qlower";

        log.record(new Attempt("msg_1", "p-001", endpoint, 1, null, "HttpTimeoutException: request timed out",
                Duration.ofMillis(10_000), first, null));
        log.record(new Attempt("msg_1", "p-001", endpoint, 2, 200, null, Duration.ofMillis(87),
                first.plusSeconds(1), DELIVERED));

        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("""
                        select event_id, partner_id, endpoint, attempt, status_code, error, duration_ms, outcome
                        from webhook_deliveries order by id""").mapToMap().list());
        List<Instant> attemptedAt = database.jdbi().withHandle(h -> h.createQuery(
                        "select attempted_at from webhook_deliveries order by id")
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsAllEntriesOf(Map.of("event_id", "msg_1", "partner_id", "p-001",
                "endpoint", endpoint, "attempt", 1, "error", "HttpTimeoutException: request timed out",
                "duration_ms", 10_000L));
        assertThat(rows.get(0)).containsEntry("status_code", null).containsEntry("outcome", null);
        assertThat(rows.get(1)).containsEntry("attempt", 2).containsEntry("status_code", 200)
                .containsEntry("error", null).containsEntry("duration_ms", 87L).containsEntry("outcome", "DELIVERED");
        assertThat(attemptedAt).containsExactly(first, first.plusSeconds(1));
    }
}
