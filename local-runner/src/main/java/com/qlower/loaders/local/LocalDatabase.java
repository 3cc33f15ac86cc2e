package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.localservers.LocalPostgres;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The local runner's database, migrated: the embedded PostgreSQL whose data lives in {@code STATE_DIR/postgres}
 * (a throwaway one without a state folder), or an existing one given by its JDBC URL.
 */
final class LocalDatabase implements AutoCloseable {

    static final String DATABASE_NAME = "qlower";

    private final LocalPostgres postgres;
    private final Database database;

    /**
     * @param stateDir where the embedded database lives between runs, or null for a throwaway one
     * @param dbUrl an existing PostgreSQL to use instead, or null
     */
    LocalDatabase(Path stateDir, String dbUrl) throws Exception {
        this(stateDir, dbUrl, 1, true);
    }

    /** @param connections how many connections may be open at once: the pipeline's budget */
    LocalDatabase(Path stateDir, String dbUrl, int connections) throws Exception {
        this(stateDir, dbUrl, connections, true);
    }

    /** The database as it is, not migrated: for the commands that only read what runs left (the audit check). */
    static LocalDatabase existing(Path stateDir, String dbUrl) throws Exception {
        return new LocalDatabase(stateDir, dbUrl, 1, false);
    }

    private LocalDatabase(Path stateDir, String dbUrl, int connections, boolean migrate) throws Exception {
        if (dbUrl != null) {
            this.postgres = null;
            this.database = new Database(new DatabaseConfig(dbUrl, null, null), connections);
            checkReachable(database, dbUrl);
        } else {
            this.postgres = stateDir == null ? LocalPostgres.fresh()
                    : LocalPostgres.onFolder(stateDir.resolve("postgres"));
            try {
                this.database = new Database(new DatabaseConfig(postgres.createDatabase(DATABASE_NAME),
                        LocalPostgres.USER, null), connections);
            } catch (Exception e) {
                postgres.close();
                throw e;
            }
        }
        if (migrate) {
            database.migrate();
        }
    }

    /**
     * A database given by its URL that cannot be used: not running, not reachable, the login refused, or no such
     * database. Its message is one line saying what to check.
     */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void checkReachable(Database database, String dbUrl) throws Unreachable {
        try {
            database.jdbi().useHandle(handle -> handle.execute("select 1"));
        } catch (RuntimeException e) {
            SQLException sql = null;
            for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
                sql = t instanceof SQLException found ? found : null;
            }
            String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
            // the URL may carry a password: only its host, port and database are shown
            String where = dbUrl.replaceFirst("\\?.*", "");
            String what = state.startsWith("28") ? "the login was refused: check the user and password in --db-url"
                    : state.equals("3D000") ? "no such database: create it, or name another in --db-url"
                    : "check that PostgreSQL runs there and accepts connections, or correct --db-url";
            throw new Unreachable("cannot use the database at " + where + " ("
                    + (sql == null ? e.getMessage() : sql.getMessage()) + "): " + what, e);
        }
    }

    Database database() {
        return database;
    }

    @Override
    public void close() throws Exception {
        database.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
