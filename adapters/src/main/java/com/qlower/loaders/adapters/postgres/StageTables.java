package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.bulkload.CopyText;
import com.qlower.loaders.bulkload.StagedRows;
import com.qlower.loaders.bulkload.StagedTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The temporary tables a file's records are streamed into with {@code COPY}, one per kind of record, dropped at
 * the commit: the transformer's staged rows go in as they are, unread. Memory does not grow with the file: only its
 * few erasure requests are kept aside.
 */
final class StageTables {

    private static final int COPY_BUFFER_BYTES = 1 << 16;

    /**
     * What a file put in the stage tables.
     *
     * @param counts the records staged per table, only the tables that received some, in the order they merge
     * @param erasureRequests the file's erasure requests, in file order: applied before the merge, not staged
     */
    record Staged(Map<EntityTable, Long> counts, List<ErasureRequest> erasureRequests) {

        long count(EntityTable table) {
            return counts.getOrDefault(table, 0L);
        }

        /** Every record of the file: staged, or an erasure request. */
        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum() + erasureRequests.size();
        }
    }

    private StageTables() {
    }

    /**
     * Creates the empty stage tables, dropped at the commit. Their {@code partner_id} is the run's partner, by
     * default: the partner comes from the run, never from the data, and no staged row names one.
     */
    static void create(Handle handle, String partnerId) {
        String partner = handle.select("select quote_literal(?)", partnerId).mapTo(String.class).one();
        for (EntityTable table : EntityTable.ALL) {
            handle.execute("create temp table " + table.stageTable() + " on commit drop as select partner_id, "
                    + "external_id, " + String.join(", ", table.columns()) + " from " + table.table()
                    + " with no data");
            handle.execute("alter table " + table.stageTable() + " alter column partner_id set default " + partner);
        }
        handle.execute("create temp table " + EntityTable.RETIREMENTS.stageTable()
                + " (partner_id text default " + partner + ", external_id text, record_kind text) on commit drop");
    }

    /**
     * Streams each section of rows, as the transformer staged them, into its stage table with {@code COPY}; writes
     * the rows of the documents (stored by the reader's mapping) and keeps the erasure requests aside.
     */
    static Staged copy(Handle handle, StagedRows.Reader staged) throws SQLException {
        Map<EntityTable, Long> counts = new LinkedHashMap<>();
        EntityTable.ALL.forEach(t -> counts.put(t, 0L)); // the merge order, whatever the file's
        counts.put(EntityTable.RETIREMENTS, 0L);
        List<ErasureRequest> erasures = new ArrayList<>();
        Copy copy = new Copy(handle.getConnection().unwrap(PGConnection.class));
        CopyText.Row row = new CopyText.Row();
        try (staged) {
            for (StagedRows.Section section; (section = staged.next()) != null; ) {
                switch (section) {
                    case StagedRows.Rows rows -> {
                        EntityTable table = EntityTable.of(rows.table());
                        copy.switchTo(table, counts);
                        staged.copyRows(copy.stream);
                    }
                    case StagedRows.Records records -> {
                        for (StagedRecord record; (record = staged.nextRecord()) != null; ) {
                            if (record instanceof ErasureRequest erasure) {
                                erasures.add(erasure); // a few per file: kept in memory, applied before the merge
                                continue;
                            }
                            EntityTable table = EntityTable.of(StagedTable.of(record));
                            if (table != copy.table) {
                                copy.switchTo(table, counts);
                            }
                            table.staged().write(record, row);
                            copy.stream.write(row.bytes(), 0, row.length());
                        }
                    }
                }
            }
            copy.end(counts);
        } catch (IOException | UncheckedIOException e) {
            copy.cancel();
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e instanceof UncheckedIOException u ? u : new UncheckedIOException((IOException) e);
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }
        counts.values().removeIf(n -> n == 0);
        return new Staged(counts, erasures);
    }

    /** The COPY under way: into one stage table at a time. */
    private static final class Copy {
        private final PGConnection pg;
        private EntityTable table;
        private PGCopyOutputStream stream;

        Copy(PGConnection pg) {
            this.pg = pg;
        }

        /** Ends the COPY under way, adding the rows PostgreSQL took to its table's count, and starts one. */
        void switchTo(EntityTable next, Map<EntityTable, Long> counts) throws SQLException, IOException {
            end(counts);
            table = next;
            stream = new PGCopyOutputStream(pg, "copy " + next.stageTable() + " (external_id, "
                    + String.join(", ", next.columns()) + ") from stdin", COPY_BUFFER_BYTES);
        }

        void end(Map<EntityTable, Long> counts) throws IOException, SQLException {
            if (stream != null) {
                stream.flush();
                counts.merge(table, stream.endCopy(), Long::sum);
                stream = null;
                table = null;
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
    }
}
