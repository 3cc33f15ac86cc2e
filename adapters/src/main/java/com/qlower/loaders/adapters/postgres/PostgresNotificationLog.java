package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.ports.NotificationLog;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link NotificationLog} in the {@code notifications} table. */
public final class PostgresNotificationLog implements NotificationLog {

    private final Jdbi jdbi;

    public PostgresNotificationLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public <E extends Enum<E>> Optional<E> outcome(String runId, Channel channel, Class<E> type) {
        return Database.withTransientFailures("reading the notifications of run " + runId, () -> jdbi.withHandle(
                h -> h.createQuery("select outcome from notifications where run_id = :run and channel = :channel")
                        .bind("run", runId).bind("channel", channel.name())
                        .mapTo(String.class).findOne().map(name -> Enum.valueOf(type, name))));
    }

    @Override
    public void record(String runId, Channel channel, Enum<?> outcome, String detail) {
        Database.withTransientFailures("recording a notification of run " + runId, () -> jdbi.withHandle(
                h -> h.createUpdate("""
                                insert into notifications (run_id, channel, outcome, detail)
                                values (:run, :channel, :outcome, :detail)
                                on conflict (run_id, channel) do update set outcome = excluded.outcome,
                                    detail = excluded.detail, recorded_at = now()""")
                        .bind("run", runId).bind("channel", channel.name())
                        .bind("outcome", outcome.name()).bind("detail", detail)
                        .execute()));
    }
}
