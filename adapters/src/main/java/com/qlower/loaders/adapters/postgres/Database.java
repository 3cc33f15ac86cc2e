package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.errors.TransientFailure;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database: one {@link Jdbi} per cold start, and the versioned schema migrations
 * ({@code db/migration}) applied by Flyway.
 */
public final class Database {

    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;

    public Database(DatabaseConfig config) {
        this.dataSource = new PGSimpleDataSource();
        dataSource.setUrl(config.jdbcUrl());
        // a null here would override the user or password the URL itself carries
        if (config.user() != null) {
            dataSource.setUser(config.user());
        }
        if (config.password() != null) {
            dataSource.setPassword(config.password());
        }
        dataSource.setApplicationName("qlower-loaders");
        dataSource.setConnectTimeout(10);
        // the server's detail of an error quotes the row ("Failing row contains (…)"): names, e-mails, IBANs would
        // reach the exception message, hence the Lambda log, the execution history and the report's failure
        dataSource.setLogServerErrorDetail(false);
        this.jdbi = Jdbi.create(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Brings the schema to the latest version; a no-op when it is there already. */
    public MigrateResult migrate() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
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
