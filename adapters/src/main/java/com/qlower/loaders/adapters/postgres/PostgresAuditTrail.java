package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.ports.AuditTrail;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link AuditTrail} in {@code audit_events}: each event takes the next {@code seq} of its run and is chained to
 * the run's last event ({@link AuditChainLink}).
 */
public final class PostgresAuditTrail implements AuditTrail {

    private final Jdbi jdbi;

    public PostgresAuditTrail(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void record(AuditEvent event) {
        Database.withTransientFailures("recording " + event.action() + " of run " + event.runId(),
                () -> jdbi.inTransaction(h -> append(h, event)));
    }

    private static Void append(Handle h, AuditEvent event) {
        // two functions acting on one file at once would otherwise both read the same last event and fork the chain
        h.createQuery("select 1 from pg_advisory_xact_lock(hashtext(:lock))")
                .bind("lock", "audit/" + event.runId()).mapTo(Integer.class).one();
        AuditChainLink link = h.createQuery("""
                        select seq, hash from audit_events where run_id = :run order by seq desc limit 1""")
                .bind("run", event.runId())
                .map((rs, ctx) -> AuditChainLink.following(event, rs.getInt("seq") + 1, rs.getString("hash")))
                .findOne()
                .orElseGet(() -> AuditChainLink.following(event, 1, null));
        h.createUpdate("""
                        insert into audit_events (run_id, seq, action, actor, partner_id, object_key, object_version,
                            sha256, execution_name, detail, occurred_at, previous_hash, hash)
                        values (:run, :seq, :action, :actor, :partner, :key, :version, :sha256, :execution, :detail,
                            :at, :previous, :hash)""")
                .bind("run", link.runId())
                .bind("seq", link.seq())
                .bind("action", link.action())
                .bind("actor", link.actor())
                .bind("partner", link.partnerId())
                .bind("key", link.objectKey())
                .bind("version", link.objectVersion())
                .bind("sha256", link.sha256())
                .bind("execution", link.executionName())
                .bind("detail", link.detail())
                .bind("at", link.occurredAt().atOffset(ZoneOffset.UTC))
                .bind("previous", link.previousHash())
                .bind("hash", link.hash())
                .execute();
        return null;
    }
}
