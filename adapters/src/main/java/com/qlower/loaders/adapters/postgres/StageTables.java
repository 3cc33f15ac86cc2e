package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.IngestionRun;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The temporary tables a file's records are streamed into with {@code COPY}, one per kind of record, dropped at
 * the commit. Memory does not grow with the file: only its few erasure requests are kept aside.
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

    /** Creates the empty stage tables, dropped at the commit. */
    static void create(Handle handle) {
        for (EntityTable table : EntityTable.ALL) {
            handle.execute("create temp table " + table.stageTable() + " on commit drop as select partner_id, "
                    + "external_id, " + String.join(", ", table.columns()) + " from " + table.table()
                    + " with no data");
        }
        handle.execute("create temp table " + EntityTable.RETIREMENTS.stageTable()
                + " (partner_id text, external_id text, record_kind text) on commit drop");
    }

    /** COPYs each record into its stage table; switches COPY when the kind of record changes. */
    static Staged copy(Handle handle, IngestionRun run, Stream<? extends StagedRecord> records) throws SQLException {
        Map<EntityTable, Long> counts = new LinkedHashMap<>();
        EntityTable.ALL.forEach(t -> counts.put(t, 0L)); // the merge order, whatever the file's
        counts.put(EntityTable.RETIREMENTS, 0L);
        List<ErasureRequest> erasures = new ArrayList<>();
        Copy copy = new Copy(handle.getConnection().unwrap(PGConnection.class));
        try (records) {
            for (var iterator = records.iterator(); iterator.hasNext(); ) {
                StagedRecord record = iterator.next();
                if (record instanceof ErasureRequest erasure) {
                    erasures.add(erasure); // a few per file: kept in memory, applied before the merge
                    continue;
                }
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
        return new Staged(counts, erasures);
    }

    /** The COPY under way: into one stage table at a time. */
    private static final class Copy {
        private final PGConnection pg;
        private EntityTable table;
        private PGCopyOutputStream stream;
        private OutputStream out;

        Copy(PGConnection pg) {
            this.pg = pg;
        }

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
}
