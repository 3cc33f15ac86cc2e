package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.Database;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The limit a load is measured against: the rows it integrated, exported once with {@code COPY ... TO} into a file
 * (so no Java formatting is timed), then {@code COPY}ed back from that file by PostgreSQL alone, into a table of the
 * same definition, indexes and foreign keys, or into the table itself under another partner.
 */
final class RawCopy {

    private static final int BUFFER_BYTES = 1 << 16;

    private RawCopy() {
    }

    /**
     * Writes a partner's rows of {@code table} to {@code file} in COPY's text format, every column in the table's
     * order; with {@code asPartner}, under that partner id instead.
     */
    static void export(Database database, String table, String partnerId, String asPartner, Path file) {
        List<String> columns = columns(database, table);
        String select = asPartner == null ? "*" : String.join(", ", columns.stream()
                .map(c -> c.equals("partner_id") ? "'" + asPartner + "' as partner_id" : c).toList());
        database.jdbi().useHandle(handle -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
                copyApi(handle.getConnection()).copyOut("copy (select " + select + " from " + table
                        + " where partner_id = '" + partnerId + "') to stdout", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("exporting the rows of " + table, e);
            }
        });
    }

    /**
     * COPYs the file into a new, empty table of {@code table}'s definition (its columns, defaults, checks, indexes
     * and foreign keys), then drops it; answers the COPY's seconds.
     */
    static double intoEmptyTwin(Database database, String table, Path file) {
        String twin = table + "_raw_copy";
        database.jdbi().useHandle(handle -> {
            handle.execute("drop table if exists " + twin);
            handle.execute("create table " + twin + " (like " + table + " including all)");
            for (String foreignKey : handle.createQuery("select pg_get_constraintdef(oid) from pg_constraint "
                    + "where conrelid = cast(:table as regclass) and contype = 'f'").bind("table", table)
                    .mapTo(String.class).list()) {
                handle.execute("alter table " + twin + " add " + foreignKey);
            }
        });
        try {
            return into(database, twin, file);
        } finally {
            database.jdbi().useHandle(handle -> handle.execute("drop table " + twin));
        }
    }

    /** COPYs the file into {@code table}, in one transaction, after a checkpoint; answers the COPY's seconds. */
    static double into(Database database, String table, Path file) {
        checkpoint(database);
        return database.jdbi().inTransaction(handle -> {
            long start = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
                copyApi(handle.getConnection()).copyIn("copy " + table + " from stdin", in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("COPYing into " + table, e);
            }
            return (System.nanoTime() - start) / 1e9;
        });
    }

    /**
     * Writes the dirty pages out, so that a measured step does not pay for the one before; a login that may not
     * (not a superuser nor pg_checkpoint, on a database given by --db-url) measures without it.
     */
    static void checkpoint(Database database) {
        try {
            database.jdbi().useHandle(handle -> handle.execute("checkpoint"));
        } catch (RuntimeException e) {
            // the measurement stands, a little noisier
        }
    }

    private static List<String> columns(Database database, String table) {
        return database.jdbi().withHandle(handle -> handle.createQuery("select attname from pg_attribute "
                        + "where attrelid = cast(:table as regclass) and attnum > 0 and not attisdropped order by attnum")
                .bind("table", table).mapTo(String.class).list());
    }

    private static CopyManager copyApi(java.sql.Connection connection) {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            throw new IllegalStateException("not a PostgreSQL connection", e);
        }
    }
}
