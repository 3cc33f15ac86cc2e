package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.localservers.LocalPostgres;
import java.nio.file.Path;

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
