package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.ports.RunLedger;
import com.qlower.loaders.report.RunReport;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** {@link RunLedger} on the {@code ingestion_runs} table: one row per run, upserted by run id. */
public final class PostgresRunLedger implements RunLedger {

    private final Jdbi jdbi;

    public PostgresRunLedger(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void recordOutcome(RunReport report) {
        Counts counts = report.counts();
        String firstError = report.errors().first().isEmpty() ? null : report.errors().first().get(0).code().name();
        Database.withTransientFailures("recording run " + report.runId(), () -> jdbi.withHandle(h -> h.createUpdate("""
                        insert into ingestion_runs (run_id, partner_id, loader, object_bucket, object_key,
                            object_version, sha256, snapshot_date, mode, status, received, accepted, rejected,
                            inserted, updated, unchanged, retired, erased, error_count, first_error, started_at,
                            finished_at, archived_key, profile_id, profile_version)
                        values (:runId, :partnerId, :loader, :bucket, :key, :version, :sha256, :snapshotDate, :mode,
                            :status, :received, :accepted, :rejected, :inserted, :updated, :unchanged, :retired,
                                    :erased,
                            :errorCount, :firstError, :startedAt, :finishedAt, :archivedKey, :profileId,
                            :profileVersion)
                        on conflict (run_id) do update set status = excluded.status, received = excluded.received,
                            accepted = excluded.accepted, rejected = excluded.rejected, inserted = excluded.inserted,
                            updated = excluded.updated, unchanged = excluded.unchanged, retired = excluded.retired,
                            erased = excluded.erased,
                            error_count = excluded.error_count, first_error = excluded.first_error,
                            finished_at = excluded.finished_at, archived_key = excluded.archived_key,
                            profile_id = excluded.profile_id, profile_version = excluded.profile_version""")
                .bind("runId", report.runId())
                .bind("partnerId", report.partnerId())
                .bind("loader", report.loader() == null ? null : report.loader().wireName())
                .bind("bucket", report.file().bucket())
                .bind("key", report.file().key())
                .bind("version", report.file().versionId())
                .bind("sha256", report.sha256())
                .bind("snapshotDate", report.snapshotDate())
                .bind("mode", report.mode() == null ? null : report.mode().wireName())
                .bind("status", RunStatus.archived(report.outcome()).name())
                .bind("received", counts.received())
                .bind("accepted", counts.accepted())
                .bind("rejected", counts.rejected())
                .bind("inserted", counts.inserted())
                .bind("updated", counts.updated())
                .bind("unchanged", counts.unchanged())
                .bind("retired", counts.retired())
                .bind("erased", counts.erased())
                .bind("errorCount", report.errors().total())
                .bind("firstError", firstError)
                .bind("startedAt", report.receivedAt().atOffset(ZoneOffset.UTC))
                .bind("finishedAt", report.finishedAt() == null ? null : report.finishedAt().atOffset(ZoneOffset.UTC))
                .bind("archivedKey", report.archivedKey())
                .bind("profileId", report.profile() == null ? null : report.profile().profileId())
                .bind("profileVersion", report.profile() == null ? null : report.profile().version())
                .execute()));
    }
}
