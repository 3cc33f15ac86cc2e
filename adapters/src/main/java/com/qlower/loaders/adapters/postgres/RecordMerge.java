package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationStore.DuplicateRecords;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Merges the stage tables into the partner's rows: the rows whose values differ are updated ({@code IS DISTINCT
 * FROM}, so unchanged rows keep their {@code updated_at}) and the new ones inserted; then a delta's retirements, and
 * the bookkeeping an erasure reads later (document contents, owners' files).
 */
final class RecordMerge {

    /** What merging one table did. */
    record Merged(long updated, long inserted) {
    }

    /** The statements a table is merged with: what the server can do. */
    enum Statements {
        /**
         * One {@code MERGE} that says what it did to each row ({@code RETURNING merge_action()}, PostgreSQL 17): the
         * staged rows are joined to the table once. A nightly snapshot that changes a tenth of its rows no longer
         * looks each unchanged row up a second time to find it is not new.
         */
        MERGE_RETURNING,
        /** Before PostgreSQL 17: an {@code UPDATE} of the rows that differ, then an {@code INSERT} of the new ones. */
        UPDATE_THEN_INSERT;

        static Statements of(Handle handle) {
            try {
                return handle.getConnection().getMetaData().getDatabaseMajorVersion() >= 17 ? MERGE_RETURNING
                        : UPDATE_THEN_INSERT;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read the server's version", e);
            }
        }
    }

    private RecordMerge() {
    }

    static Merged merge(Handle handle, IngestionRun run, EntityTable table, Statements statements) {
        refuseDuplicates(handle, table);
        handle.execute("analyze " + table.stageTable());
        if (statements == Statements.MERGE_RETURNING) {
            return handle.createQuery(mergeChangedAndNew(table)).bind("run", run.runId())
                    .map((rs, ctx) -> new Merged(rs.getLong("updated"), rs.getLong("inserted"))).one();
        }
        long updated = handle.createUpdate(updateChanged(table)).bind("run", run.runId()).execute();
        long inserted = handle.createUpdate(insertNew(table)).bind("run", run.runId()).execute();
        return new Merged(updated, inserted);
    }

    /**
     * Notes the content each staged document points at ({@code document_contents}), and marks superseded the
     * contents those documents pointed at before: an erasure finds them all, the purge of superseded content
     * removes them once their retention is over.
     */
    static void recordDocumentContents(Handle handle) {
        handle.execute("""
                update document_contents c set superseded_at = now() from stage_documents s
                where c.partner_id = s.partner_id and c.external_id = s.external_id
                    and c.storage_key <> s.storage_key and c.superseded_at is null""");
        handle.execute("""
                insert into document_contents (partner_id, external_id, storage_key)
                select partner_id, external_id, storage_key from stage_documents
                on conflict (partner_id, external_id, storage_key) do update set superseded_at = null
                    where document_contents.superseded_at is not null""");
    }

    /** A delta's {@code "action": "retire"} records: their rows are retired, if active. */
    static long retireListed(Handle handle, IngestionRun run) {
        long retired = 0;
        for (Retirement.Kind kind : Retirement.Kind.values()) {
            EntityTable table = EntityTable.of(kind);
            retired += handle.createUpdate("update " + table.table() + " t set retired_at = now(), updated_at = now(), "
                            + "last_run_id = :run from " + EntityTable.RETIREMENTS.stageTable() + " s "
                            + "where s.record_kind = :kind and t.partner_id = s.partner_id "
                            + "and t.external_id = s.external_id and t.retired_at is null")
                    .bind("run", run.runId())
                    .bind("kind", kind.name())
                    .execute();
        }
        return retired;
    }

    /**
     * Notes which owners the file's records belong to ({@code owner_files}): the owners and properties of a
     * caracteristiques file, the owners of the properties of transactions and documents. An erasure reads it to
     * find the files to purge.
     */
    static void recordOwnerFiles(Handle handle, IngestionRun run) {
        String owners = switch (run.loader()) {
            case CARACTERISTIQUES -> "select external_id as owner from stage_owners "
                    + "union select owner_external_id from stage_properties";
            case TRANSACTIONS -> "select p.owner_external_id as owner from stage_transactions s join properties p "
                    + "on p.partner_id = s.partner_id and p.external_id = s.property_external_id";
            case DOCUMENTS -> "select p.owner_external_id as owner from stage_documents s join properties p "
                    + "on p.partner_id = s.partner_id and p.external_id = s.property_external_id";
        };
        handle.createUpdate("insert into owner_files (partner_id, owner_external_id, run_id) "
                        + "select distinct :partner, x.owner, :run from (" + owners + ") x "
                        + "on conflict do nothing")
                .bind("partner", run.partnerId())
                .bind("run", run.runId())
                .execute();
    }

    private static void refuseDuplicates(Handle handle, EntityTable table) {
        List<String> duplicates = handle.createQuery("select external_id from " + table.stageTable()
                        + " group by external_id having count(*) > 1 order by external_id limit 10")
                .mapTo(String.class).list();
        if (!duplicates.isEmpty()) {
            throw new DuplicateRecords(table.table(), duplicates);
        }
    }

    /**
     * The changed rows updated and the new ones inserted, in one join of the staged rows to the table; answers how
     * many of each. The join is a left join from the staged rows, so a table empty before a first load is not
     * scanned again for each row (the trap of an anti-join planned against an empty table's statistics).
     */
    private static String mergeChangedAndNew(EntityTable table) {
        String staged = prefixed("s.", table.columns());
        return "with merged as (merge into " + table.table() + " t using " + table.stageTable() + " s "
                + "on t.partner_id = s.partner_id and t.external_id = s.external_id "
                + "when matched and (" + changed(table) + ") then update set (" + String.join(", ", table.columns())
                + ") = (" + staged + "), updated_at = now(), last_run_id = :run, retired_at = null "
                + "when not matched then insert (partner_id, external_id, " + String.join(", ", table.columns())
                + ", created_at, updated_at, last_run_id) values (s.partner_id, s.external_id, " + staged
                + ", now(), now(), :run) returning merge_action() as action) "
                + "select count(*) filter (where action = 'UPDATE') as updated, "
                + "count(*) filter (where action = 'INSERT') as inserted from merged";
    }

    private static String updateChanged(EntityTable table) {
        String columns = String.join(", ", table.columns());
        String staged = prefixed("s.", table.columns());
        return "update " + table.table() + " t set (" + columns + ") = (" + staged + "), updated_at = now(), "
                + "last_run_id = :run, retired_at = null from " + table.stageTable() + " s "
                + "where t.partner_id = s.partner_id and t.external_id = s.external_id and (" + changed(table) + ")";
    }

    /** A staged row that differs from the table's, or brings a retired row back. */
    private static String changed(EntityTable table) {
        return "(" + prefixed("t.", table.columns()) + ") is distinct from (" + prefixed("s.", table.columns())
                + ") or t.retired_at is not null";
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
