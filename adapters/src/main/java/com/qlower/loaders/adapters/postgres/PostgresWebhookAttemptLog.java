package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.adapters.webhooks.WebhookAttemptLog;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** {@link WebhookAttemptLog} in {@code webhook_deliveries}: one insert per attempt. */
public final class PostgresWebhookAttemptLog implements WebhookAttemptLog {

    private final Jdbi jdbi;

    public PostgresWebhookAttemptLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void record(Attempt attempt) {
        Database.withTransientFailures("recording attempt " + attempt.number() + " of webhook event "
                + attempt.eventId(), () -> jdbi.withHandle(h -> h.createUpdate("""
                        insert into webhook_deliveries (event_id, partner_id, endpoint, attempt, status_code, error,
                            duration_ms, attempted_at, outcome)
                        values (:event, :partner, :endpoint, :attempt, :status, :error, :durationMs, :at, :outcome)""")
                .bind("event", attempt.eventId())
                .bind("partner", attempt.partnerId())
                .bind("endpoint", attempt.endpoint())
                .bind("attempt", attempt.number())
                .bind("status", attempt.statusCode())
                .bind("error", attempt.error())
                .bind("durationMs", attempt.duration().toMillis())
                .bind("at", attempt.attemptedAt().atOffset(ZoneOffset.UTC))
                .bind("outcome", attempt.outcome() == null ? null : attempt.outcome().name())
                .execute()));
    }
}
