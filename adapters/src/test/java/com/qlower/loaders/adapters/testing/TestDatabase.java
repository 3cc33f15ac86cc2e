package com.qlower.loaders.adapters.testing;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.localservers.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database with the pipeline's tables, for one test class, on the one embedded PostgreSQL of the test JVM.
 *
 * <p>The server starts at the first {@link #create()} and stops when the JVM exits. Flyway migrates one template
 * database once; each test class gets a copy of it ({@code create database ... template}, a copy of files, no
 * migration), and {@link #reset()} empties every table the migrations created between tests. Starting a server
 * (initdb) and migrating took seconds each, seventeen times per run; the server now starts on a copy of a cluster
 * migrated once per build ({@link LocalPostgres#prepared}).
 *
 * <p>A test class of the database alone registers one as an extension: emptied before each test, dropped after
 * the class.
 * <pre>{@code @RegisterExtension
 * static final TestDatabase database = TestDatabase.emptiedBeforeEachTest();}</pre>
 */
public final class TestDatabase implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    private static final String TEMPLATE = "qlower_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static LocalPostgres server;
    private static String adminUrl;
    private static String truncateEveryTable;

    private final String name;
    private final String url;
    private final Database database;
    private final boolean emptiedBeforeEachTest;

    private TestDatabase(String name, String url, boolean emptiedBeforeEachTest) {
        this.name = name;
        this.url = url;
        this.database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null), 8);
        this.emptiedBeforeEachTest = emptiedBeforeEachTest;
    }

    /** A new database of the pipeline's schema, empty, of at most 8 connections at once; its owner closes it. */
    public static TestDatabase create() {
        return create(false);
    }

    /** The same, as an extension of a test class: {@link #reset()} before each test, closed after the class. */
    public static TestDatabase emptiedBeforeEachTest() {
        return create(true);
    }

    private static TestDatabase create(boolean emptiedBeforeEachTest) {
        String name = "qlower_" + DATABASES.incrementAndGet();
        synchronized (TestDatabase.class) {
            try {
                startOnce();
                // from the server's own database: nobody may be connected to the template while it is copied
                try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                    s.execute("create database " + name + " template " + TEMPLATE);
                }
                return new TestDatabase(name, server.createDatabase(name), emptiedBeforeEachTest);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the test database " + name, e);
            }
        }
    }

    /**
     * Starts the JVM's server on a copy of a cluster whose template is migrated: made once per build and set of
     * migrations ({@link LocalPostgres#prepared}), not once per JVM.
     */
    private static void startOnce() throws SQLException {
        if (server != null) {
            return;
        }
        try {
            server = LocalPostgres.prepared("migrated-" + MigrationFiles.fingerprint(), prepared -> {
                try (Database template = new Database(new DatabaseConfig(prepared.createDatabase(TEMPLATE),
                        LocalPostgres.USER, null))) {
                    template.migrate();
                }
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start", e);
        }
        LocalPostgres started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (java.io.IOException e) {
                // the JVM is leaving: the temporary folder goes with the machine's clean-up
            }
        }));
        adminUrl = server.createDatabase("postgres");
        // its connections closed at once: nobody may be connected to the template while it is copied
        try (Connection c = DriverManager.getConnection(server.createDatabase(TEMPLATE));
             Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("""
                     select format('%I', tablename) from pg_tables
                     where schemaname = 'public' and tablename <> 'flyway_schema_history' order by tablename""")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            truncateEveryTable = "truncate " + String.join(", ", names) + " restart identity cascade";
        }
    }

    /** Its JDBC URL, the user {@value LocalPostgres#USER} included. */
    public String url() {
        return url;
    }

    /** Its JDBC URL for another user (who must exist: the functions' login role, in the tests of privileges). */
    public String urlAs(String user) {
        return url.replace("user=" + LocalPostgres.USER, "user=" + user);
    }

    public Database database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /**
     * Empties every table the migrations created (Flyway's history stays), identities restarted. The audit
     * trail's triggers refuse a truncate: they are not fired in a session replaying changes, as a replica does.
     */
    public void reset() {
        database.jdbi().useHandle(h -> {
            h.execute("set session_replication_role = replica");
            try {
                h.execute(truncateEveryTable);
            } finally {
                h.execute("reset session_replication_role");
            }
        });
    }

    /** Closes its connections and drops it; the server stays for the next test class. */
    @Override
    public void close() throws SQLException {
        database.close();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emptiedBeforeEachTest) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }
}
