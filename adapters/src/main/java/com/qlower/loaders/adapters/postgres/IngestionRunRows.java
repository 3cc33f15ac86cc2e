package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.SnapshotRules;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A file's row in {@code ingestion_runs}, inside the file's integration transaction: what the partner sent before
 * (an earlier commit of the same run, the last snapshot applied, an earlier file of the same content), the row this
 * file starts, and its counts once merged.
 */
final class IngestionRunRows {

    private static final String APPLIED = "status in ('INTEGRATED', 'SUCCEEDED')";

    private IngestionRunRows() {
    }

    /** The counts of this very run, when an earlier attempt committed it (a timeout, a lost answer). */
    static Optional<IntegrationCounts> committedCounts(Handle handle, String runId) {
        return handle.createQuery("select inserted, updated, unchanged, retired from ingestion_runs "
                        + "where run_id = :run and " + APPLIED)
                .bind("run", runId)
                .map((rs, ctx) -> new IntegrationCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .findOne();
    }

    /** The last snapshot applied for the run's partner and loader, other than this run. */
    static Optional<SnapshotRules.Version> lastSnapshot(Handle handle, IngestionRun run) {
        return handle.createQuery("select snapshot_date, correction from ingestion_runs where partner_id = :partner "
                        + "and loader = :loader and mode = :snapshot and " + APPLIED + " and run_id <> :run "
                        + "order by snapshot_date desc, correction desc limit 1")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("snapshot", Mode.SNAPSHOT.wireName())
                .bind("run", run.runId())
                .map((rs, ctx) -> new SnapshotRules.Version(rs.getObject(1, LocalDate.class), rs.getInt(2)))
                .findOne();
    }

    /** The key of the first earlier file of the partner and loader with the same content, or null. */
    static String sameContentAs(Handle handle, IngestionRun run) {
        return handle.createQuery("select object_key from ingestion_runs where partner_id = :partner "
                        + "and loader = :loader and sha256 = :sha256 and run_id <> :run and " + APPLIED
                        + " order by started_at limit 1")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("sha256", run.sha256())
                .bind("run", run.runId())
                .mapTo(String.class)
                .findOne().orElse(null);
    }

    static void recordStarted(Handle handle, IngestionRun run) {
        handle.createUpdate("""
                        insert into ingestion_runs (run_id, partner_id, loader, object_bucket, object_key,
                            object_version, sha256, snapshot_date, correction, mode, status, received, accepted,
                            rejected, started_at, profile_id, profile_version)
                        values (:runId, :partnerId, :loader, :bucket, :key, :version, :sha256, :snapshotDate,
                            :correction, :mode, 'INTEGRATED', :received, :accepted, :rejected, :startedAt,
                            :profileId, :profileVersion)
                        on conflict (run_id) do update set status = 'INTEGRATED', received = excluded.received,
                            accepted = excluded.accepted, rejected = excluded.rejected""")
                .bind("runId", run.runId())
                .bind("partnerId", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("bucket", run.file().bucket())
                .bind("key", run.file().key())
                .bind("version", run.file().versionId())
                .bind("sha256", run.sha256())
                .bind("snapshotDate", run.snapshotDate())
                .bind("correction", run.correction())
                .bind("mode", run.mode().wireName())
                .bind("received", run.received())
                .bind("accepted", run.accepted())
                .bind("rejected", run.rejected())
                .bind("startedAt", run.startedAt().atOffset(ZoneOffset.UTC))
                .bind("profileId", run.profile() == null ? null : run.profile().profileId())
                .bind("profileVersion", run.profile() == null ? null : run.profile().version())
                .execute();
    }

    static void recordCounts(Handle handle, IngestionRun run, IntegrationCounts counts) {
        handle.createUpdate("update ingestion_runs set inserted = :inserted, updated = :updated, "
                        + "unchanged = :unchanged, retired = :retired, erased = :erased where run_id = :run")
                .bind("erased", counts.erased())
                .bind("inserted", counts.inserted())
                .bind("updated", counts.updated())
                .bind("unchanged", counts.unchanged())
                .bind("retired", counts.retired())
                .bind("run", run.runId())
                .execute();
    }
}
