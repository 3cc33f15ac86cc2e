package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.SnapshotRules;
import com.qlower.loaders.domain.SnapshotRules.AbsentRecords;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationStore.RetirementRefused;
import com.qlower.loaders.ports.IntegrationStore.StaleSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a snapshot does to the records it leaves out: it is refused when older than the last snapshot applied, and
 * retires the partner's active records of its tables it does not hold, within the deletion guard. The rules are
 * {@link SnapshotRules}'; this class counts and writes.
 */
final class AbsentRecordRetirement {

    private AbsentRecordRetirement() {
    }

    /** Snapshots apply in order of date, then correction number: an older one arriving late is refused. */
    static void refuseIfStale(Handle handle, IngestionRun run) {
        var incoming = new SnapshotRules.Version(run.snapshotDate(), run.correction());
        IngestionRunRows.lastSnapshot(handle, run)
                .filter(last -> SnapshotRules.isStale(incoming, last))
                .ifPresent(last -> {
                    throw new StaleSnapshot(last.date(), last.correction());
                });
    }

    /** The partner's active rows of each table of the run's loader, before the file merges. */
    static Map<EntityTable, Long> activeRows(Handle handle, IngestionRun run) {
        Map<EntityTable, Long> active = new HashMap<>();
        for (EntityTable table : EntityTable.ofLoader(run.loader())) {
            active.put(table, handle.createQuery("select count(*) from " + table.table()
                            + " where partner_id = :partner and retired_at is null")
                    .bind("partner", run.partnerId()).mapTo(Long.class).one());
        }
        return active;
    }

    /**
     * Retires the partner's active records of the snapshot's tables that the snapshot does not hold, checking the
     * deletion guard of every table before touching any. An open operator authorization for this partner, loader and
     * snapshot date lifts the guard once.
     *
     * @param staged the rows the file staged per table, every one distinct (the merge refused duplicates)
     * @param inserted the rows the merge inserted per table
     */
    static long retireAbsent(Handle handle, IngestionRun run, Map<EntityTable, Long> activeBefore,
                             Map<EntityTable, Long> staged, Map<EntityTable, Long> inserted) {
        List<EntityTable> tables = EntityTable.ofLoader(run.loader());
        // after the merge every staged row is an active row of its table: the others are the absent ones. Counting
        // the active rows spares an anti-join of the whole table with the stage table
        Map<EntityTable, Long> activeAfter = activeRows(handle, run);
        List<AbsentRecords> absent = new ArrayList<>();
        for (EntityTable table : tables) {
            long absentRows = activeAfter.get(table) - staged.getOrDefault(table, 0L);
            if (absentRows < 0) {
                throw new IllegalStateException("run " + run.runId() + " staged " + staged.get(table) + " rows of "
                        + table.table() + " but only " + activeAfter.get(table) + " are active after the merge");
            }
            absent.add(new AbsentRecords(table.table(), absentRows, activeBefore.get(table)));
        }
        boolean authorized = useAuthorization(handle, run);
        SnapshotRules.firstRefused(run.deletionGuard(), authorized, absent)
                .ifPresent(refused -> {
                    throw new RetirementRefused(refused.entity(), refused.absent(), refused.activeBefore(),
                            run.deletionGuard());
                });
        long retired = 0;
        for (int i = 0; i < tables.size(); i++) {
            EntityTable table = tables.get(i);
            boolean retiring = absent.get(i).absent() > 0;
            if (retiring || inserted.getOrDefault(table, 0L) > 0) {
                // the merge may have just filled the table: without fresh statistics the planner takes it for
                // empty, for the anti-join below (nested loops, quadratic on a first load) and the next file's merge
                handle.execute("analyze " + table.table());
            }
            if (!retiring) {
                continue; // most snapshots leave nothing out: no pass over the table to find nothing
            }
            retired += handle.createUpdate("update " + table.table() + " set retired_at = now(), updated_at = now(), "
                            + "last_run_id = :run where (partner_id, external_id) in (select t.partner_id, "
                            + "t.external_id " + absentFrom(table) + ")")
                    .bind("run", run.runId()).bind("partner", run.partnerId()).execute();
        }
        return retired;
    }

    /** Takes the open operator authorization for this snapshot, if there is one: it lifts the guard once. */
    private static boolean useAuthorization(Handle handle, IngestionRun run) {
        return handle.createUpdate("""
                        update retirement_authorizations set used_by_run_id = :run
                        where id = (select id from retirement_authorizations where partner_id = :partner
                            and loader = :loader and snapshot_date = :date and used_by_run_id is null
                            order by id limit 1)""")
                .bind("run", run.runId())
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("date", run.snapshotDate())
                .execute() > 0;
    }

    /** The partner's active rows of a table that the staged snapshot does not hold. */
    private static String absentFrom(EntityTable table) {
        return "from " + table.table() + " t where t.partner_id = :partner and t.retired_at is null "
                + "and not exists (select 1 from " + table.stageTable() + " s where s.external_id = t.external_id)";
    }
}
