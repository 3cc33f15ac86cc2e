package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * {@link IntegrationStore} on PostgreSQL. Records are streamed with {@code COPY} into temporary stage tables, then
 * merged: an {@code UPDATE} of the rows whose values differ ({@code IS DISTINCT FROM}, so unchanged rows keep their
 * {@code updated_at}) and an {@code INSERT} of the new ones. Memory does not grow with the file. One transaction per
 * file, under a lock per partner and loader, so two files of one partner and loader never merge at the same time.
 */
public final class PostgresIntegrationStore implements IntegrationStore {

    private static final int COPY_BUFFER_BYTES = 1 << 16;

    /** A snapshot may retire at most this share of a partner's active records of one table, unless authorized. */
    public static final double DEFAULT_RETIREMENT_GUARD_PERCENT = 10.0;

    private final Jdbi jdbi;
    private final double retirementGuardPercent;

    public PostgresIntegrationStore(Database database) {
        this(database, DEFAULT_RETIREMENT_GUARD_PERCENT);
    }

    public PostgresIntegrationStore(Database database, double retirementGuardPercent) {
        this.jdbi = database.jdbi();
        this.retirementGuardPercent = retirementGuardPercent;
    }

    @Override
    public IntegrationCounts integrate(IngestionRun run, Stream<? extends StagedRecord> records) {
        return Database.withTransientFailures("integrating run " + run.runId(),
                () -> jdbi.inTransaction(handle -> integrateInTransaction(handle, run, records)));
    }

    private IntegrationCounts integrateInTransaction(Handle handle, IngestionRun run,
                                                     Stream<? extends StagedRecord> records) throws SQLException {
        handle.execute("select pg_advisory_xact_lock(hashtext(?))",
                "integrate/" + run.partnerId() + "/" + run.loader().wireName());
        var earlier = handle.createQuery("select inserted, updated, unchanged, retired from ingestion_runs "
                        + "where run_id = :run and status in ('INTEGRATED', 'SUCCEEDED')")
                .bind("run", run.runId())
                .map((rs, ctx) -> new IntegrationCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .findOne();
        if (earlier.isPresent()) {
            // a retry after the commit (a timeout, a lost answer): the file is in, and is not merged again
            records.close();
            return earlier.get();
        }
        if (run.mode() == Mode.SNAPSHOT) {
            refuseIfStale(handle, run);
        }
        var sameContent = handle.createQuery("""
                        select object_key from ingestion_runs where partner_id = :partner and loader = :loader
                            and sha256 = :sha256 and run_id <> :run and status in ('INTEGRATED', 'SUCCEEDED')
                        order by started_at limit 1""")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("sha256", run.sha256())
                .bind("run", run.runId())
                .mapTo(String.class)
                .findOne();
        recordRunStarted(handle, run);
        if (sameContent.isPresent()) {
            // the same content again, under another key or date: recorded, and nothing is changed
            records.close();
            IntegrationCounts counts = new IntegrationCounts(0, 0, run.accepted(), 0, false, sameContent.get());
            recordCounts(handle, run, counts);
            return counts;
        }
        for (EntityTable table : EntityTable.ALL) {
            handle.execute("create temp table " + table.stageTable() + " on commit drop as select partner_id, "
                    + "external_id, " + String.join(", ", table.columns()) + " from " + table.table()
                    + " with no data");
        }
        Map<EntityTable, Long> staged = copyToStage(handle, run, records);
        long inserted = 0;
        long updated = 0;
        for (Map.Entry<EntityTable, Long> entry : staged.entrySet()) {
            EntityTable table = entry.getKey();
            refuseDuplicates(handle, table);
            handle.execute("analyze " + table.stageTable());
            updated += handle.createUpdate(updateChanged(table)).bind("run", run.runId()).execute();
            inserted += handle.createUpdate(insertNew(table)).bind("run", run.runId()).execute();
        }
        long total = staged.values().stream().mapToLong(Long::longValue).sum();
        if (total != run.accepted()) {
            // checked before commit: a file whose records went missing on the way is not half-applied
            throw new IllegalStateException("run " + run.runId() + " accepted " + run.accepted()
                    + " records but " + total + " reached the database");
        }
        long retired = 0;
        boolean retirementSkipped = run.mode() == Mode.SNAPSHOT && run.rejected() > 0;
        if (run.mode() == Mode.SNAPSHOT && !retirementSkipped) {
            retired = retireAbsent(handle, run);
        }
        IntegrationCounts counts = new IntegrationCounts(inserted, updated, total - inserted - updated, retired,
                retirementSkipped, null);
        recordCounts(handle, run, counts);
        return counts;
    }

    private static void recordCounts(Handle handle, IngestionRun run, IntegrationCounts counts) {
        handle.createUpdate("update ingestion_runs set inserted = :inserted, updated = :updated, "
                        + "unchanged = :unchanged, retired = :retired where run_id = :run")
                .bind("inserted", counts.inserted())
                .bind("updated", counts.updated())
                .bind("unchanged", counts.unchanged())
                .bind("retired", counts.retired())
                .bind("run", run.runId())
                .execute();
    }

    /** Snapshots apply in order of date, then correction number: an older one arriving late is refused. */
    private static void refuseIfStale(Handle handle, IngestionRun run) {
        handle.createQuery("""
                        select snapshot_date, correction from ingestion_runs where partner_id = :partner
                            and loader = :loader and mode = 'snapshot' and status in ('INTEGRATED', 'SUCCEEDED')
                            and run_id <> :run
                        order by snapshot_date desc, correction desc limit 1""")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("run", run.runId())
                .map((rs, ctx) -> new StaleSnapshot(rs.getObject(1, java.time.LocalDate.class), rs.getInt(2)))
                .findOne()
                .filter(last -> run.snapshotDate().isBefore(last.lastDate())
                        || (run.snapshotDate().equals(last.lastDate()) && run.correction() < last.lastCorrection()))
                .ifPresent(last -> {
                    throw last;
                });
    }

    /**
     * Retires the partner's active records of the snapshot's tables that the snapshot does not hold, checking the
     * deletion guard of every table before touching any. An open operator authorization for this partner, loader and
     * snapshot date lifts the guard once.
     */
    private long retireAbsent(Handle handle, IngestionRun run) {
        List<EntityTable> tables = EntityTable.ofLoader(run.loader());
        for (EntityTable table : tables) {
            // the merge may have just filled the table: without fresh statistics the planner takes it for empty
            // and answers the anti-joins below with nested loops, quadratic on a first load
            handle.execute("analyze " + table.table());
        }
        boolean authorized = handle.createUpdate("""
                        update retirement_authorizations set used_by_run_id = :run
                        where id = (select id from retirement_authorizations where partner_id = :partner
                            and loader = :loader and snapshot_date = :date and used_by_run_id is null
                            order by id limit 1)""")
                .bind("run", run.runId())
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("date", run.snapshotDate())
                .execute() > 0;
        if (!authorized) {
            for (EntityTable table : tables) {
                long active = handle.createQuery("select count(*) from " + table.table()
                                + " where partner_id = :partner and retired_at is null")
                        .bind("partner", run.partnerId()).mapTo(Long.class).one();
                long absent = handle.createQuery("select count(*) " + absentFrom(table))
                        .bind("partner", run.partnerId()).mapTo(Long.class).one();
                if (absent > 0 && absent * 100.0 / active > retirementGuardPercent) {
                    throw new RetirementRefused(table.table(), absent, active, retirementGuardPercent);
                }
            }
        }
        long retired = 0;
        for (EntityTable table : tables) {
            retired += handle.createUpdate("update " + table.table() + " set retired_at = now(), updated_at = now(), "
                            + "last_run_id = :run where (partner_id, external_id) in (select t.partner_id, "
                            + "t.external_id " + absentFrom(table) + ")")
                    .bind("run", run.runId()).bind("partner", run.partnerId()).execute();
        }
        return retired;
    }

    /** The partner's active rows of a table that the staged snapshot does not hold. */
    private static String absentFrom(EntityTable table) {
        return "from " + table.table() + " t where t.partner_id = :partner and t.retired_at is null "
                + "and not exists (select 1 from " + table.stageTable() + " s where s.external_id = t.external_id)";
    }

    private static void recordRunStarted(Handle handle, IngestionRun run) {
        handle.createUpdate("""
                        insert into ingestion_runs (run_id, partner_id, loader, object_bucket, object_key,
                            object_version, sha256, snapshot_date, correction, mode, status, received, accepted,
                            rejected, started_at)
                        values (:runId, :partnerId, :loader, :bucket, :key, :version, :sha256, :snapshotDate,
                            :correction, :mode, 'INTEGRATED', :received, :accepted, :rejected, :startedAt)
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
                .bind("startedAt", run.startedAt().atOffset(java.time.ZoneOffset.UTC))
                .execute();
    }

    /** COPYs each record into its stage table; switches COPY when the kind of record changes. */
    private static Map<EntityTable, Long> copyToStage(Handle handle, IngestionRun run,
                                                      Stream<? extends StagedRecord> records) throws SQLException {
        PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
        Map<EntityTable, Long> counts = new LinkedHashMap<>();
        EntityTable.ALL.forEach(t -> counts.put(t, 0L));
        var copy = new Object() {
            EntityTable table;
            PGCopyOutputStream stream;
            OutputStream out;

            void switchTo(EntityTable next) throws SQLException, IOException {
                close();
                table = next;
                stream = new PGCopyOutputStream(pg, "copy " + next.stageTable() + " (partner_id, external_id, "
                        + String.join(", ", next.columns()) + ") from stdin (format csv)");
                out = new BufferedOutputStream(stream, COPY_BUFFER_BYTES);
            }

            void close() throws IOException {
                if (out != null) {
                    out.close();
                    out = null;
                }
            }

            /** A COPY left open would make the rollback wait on the connection forever. */
            void cancel() {
                if (stream != null && stream.isActive()) {
                    try {
                        stream.cancelCopy();
                    } catch (SQLException ignored) {
                        // the transaction is rolled back anyway
                    }
                }
            }
        };
        try (records) {
            for (var iterator = records.iterator(); iterator.hasNext(); ) {
                StagedRecord record = iterator.next();
                EntityTable table = EntityTable.of(record);
                if (table != copy.table) {
                    copy.switchTo(table);
                }
                copy.out.write(csvLine(run.partnerId(), record, table));
                counts.merge(table, 1L, Long::sum);
            }
            copy.close();
        } catch (IOException e) {
            copy.cancel();
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    private static byte[] csvLine(String partnerId, StagedRecord record, EntityTable table) {
        StringBuilder line = new StringBuilder(256);
        // the partner comes from the run, never from the data: a file cannot write into another partner's rows
        appendCsv(line, partnerId);
        line.append(',');
        appendCsv(line, record.externalId());
        for (Object value : table.values().apply(record)) {
            line.append(',');
            appendCsv(line, value);
        }
        line.append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendCsv(StringBuilder line, Object value) {
        if (value == null) {
            return; // an unquoted empty field is NULL in CSV COPY
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    private static void refuseDuplicates(Handle handle, EntityTable table) {
        List<String> duplicates = handle.createQuery("select external_id from " + table.stageTable()
                        + " group by external_id having count(*) > 1 order by external_id limit 10")
                .mapTo(String.class).list();
        if (!duplicates.isEmpty()) {
            throw new DuplicateRecords(table.table(), duplicates);
        }
    }

    private static String updateChanged(EntityTable table) {
        String columns = String.join(", ", table.columns());
        String staged = prefixed("s.", table.columns());
        return "update " + table.table() + " t set (" + columns + ") = (" + staged + "), updated_at = now(), "
                + "last_run_id = :run, retired_at = null from " + table.stageTable() + " s "
                + "where t.partner_id = s.partner_id and t.external_id = s.external_id "
                + "and ((" + prefixed("t.", table.columns()) + ") is distinct from (" + staged + ") "
                + "or t.retired_at is not null)";
    }

    /**
     * The new rows. The rows that exist were updated or left alone just before; the primary key turns them away one
     * index lookup each. (An anti-join here would be planned against the table's statistics from before this
     * statement, which on a first load say "empty": a sequential scan per staged row.)
     */
    private static String insertNew(EntityTable table) {
        return "insert into " + table.table() + " (partner_id, external_id, " + String.join(", ", table.columns())
                + ", created_at, updated_at, last_run_id) select s.partner_id, s.external_id, "
                + prefixed("s.", table.columns()) + ", now(), now(), :run from " + table.stageTable() + " s "
                + "on conflict (partner_id, external_id) do nothing";
    }

    private static String prefixed(String prefix, List<String> columns) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }
}
