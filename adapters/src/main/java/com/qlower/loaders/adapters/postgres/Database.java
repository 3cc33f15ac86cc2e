package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.errors.TransientFailure;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database: one {@link Jdbi} per cold start over at most a given number of connections, kept open
 * between units of work ({@link KeptConnections}), and the versioned schema migrations ({@code db/migration})
 * applied by Flyway.
 */
public final class Database implements AutoCloseable {

    /** A caller waits this long for a connection while all are in use, then gets a transient failure. */
    private static final Duration WAIT_FOR_CONNECTION = Duration.ofSeconds(60);

    private final PGSimpleDataSource opener;
    private final KeptConnections dataSource;
    private final Jdbi jdbi;

    /**
     * A Lambda function's database: one connection, opened at the first invocation that needs it and kept for the
     * next ones, so that the function's concurrency is its number of connections (template.yaml sizes it from the
     * parameter {@code DatabaseConnectionBudget}). A function never uses two connections at once.
     */
    public Database(DatabaseConfig config) {
        this(config, 1);
    }

    /** A database of at most {@code maxConnections} open connections: the local runner's budget, the tests'. */
    public Database(DatabaseConfig config, int maxConnections) {
        this.opener = new PGSimpleDataSource();
        renewLogin(config);
        opener.setApplicationName("qlower-loaders");
        opener.setConnectTimeout(10);
        // the server's detail of an error quotes the row ("Failing row contains (…)"): names, e-mails, IBANs would
        // reach the exception message, hence the Lambda log, the execution history and the report's failure
        opener.setLogServerErrorDetail(false);
        this.dataSource = new KeptConnections(opener, maxConnections, WAIT_FOR_CONNECTION);
        this.jdbi = Jdbi.create(this.dataSource);
    }

    /**
     * The login for the connections opened from now on (those kept are not changed): a function restored from a
     * SnapStart snapshot reads its secret again, which may have been rotated since ({@code SnapStartHooks}).
     */
    public void renewLogin(DatabaseConfig config) {
        opener.setUrl(config.jdbcUrl());
        // a null here would override the user or password the URL itself carries
        if (config.user() != null) {
            opener.setUser(config.user());
        }
        if (config.password() != null) {
            opener.setPassword(config.password());
        }
    }

    /** How many connections this database may have open at once. */
    public int maxConnections() {
        return dataSource.max();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Brings the schema to the latest version; a no-op when it is there already. Flyway opens its own connections
     * (it may hold two: its lock and the migration's), outside the kept ones: only the migration function and the
     * local runner's start migrate, before any file is processed.
     */
    public MigrateResult migrate() {
        return Flyway.configure()
                .dataSource(opener)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Closes the kept connections. */
    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Runs database work, turning the failures worth retrying (connection lost, serialization failure, deadlock,
     * server shutting down, too many connections) into {@link TransientFailure}.
     */
    public static <T> T withTransientFailures(String what, DatabaseWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw translate(what, e);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** Work on the database that may throw what JDBC throws. */
    @FunctionalInterface
    public interface DatabaseWork<T> {
        T run() throws SQLException;
    }

    private static RuntimeException translate(String what, Exception e) {
        String state = sqlStateOf(e);
        if (state != null && isTransient(state)) {
            return new TransientFailure(what + " failed (SQLSTATE " + state + "): it can be retried", e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(what + " failed", e);
    }

    static boolean isTransient(String sqlState) {
        return sqlState.startsWith("08")        // connection exception
                || sqlState.equals("40001")     // serialization failure
                || sqlState.equals("40P01")     // deadlock detected
                || sqlState.equals("55P03")     // lock not available
                || sqlState.equals("53300")     // too many connections
                || sqlState.startsWith("57P");  // admin or crash shutdown
    }

    private static String sqlStateOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
