package com.qlower.loaders.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.localservers.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SnapStart hooks, called directly as Lambda calls them around a snapshot: before it, the database is primed and
 * its connections closed; after a restore, its login is read again and it opens a connection when next needed.
 */
class SnapStartHooksTest {

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.create();
    private static final String url = testDatabase.url();

    @Test
    void beforeCheckpoint_closesTheKeptConnection_andTheNextUseOpensANewOne() throws Exception {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            int keptBackend = backendPid(database);
            long open = openConnections();
            SnapStartHooks hooks = new SnapStartHooks(database, () -> {
                throw new AssertionError("the login is read again only after a restore");
            }, List.of());

            hooks.beforeCheckpoint(null);

            assertThat(awaitOpenConnections(open - 1)).as("no connection is kept in the snapshot")
                    .isEqualTo(open - 1);
            assertThat(backendPid(database)).isNotEqualTo(keptBackend);
        }
    }

    @Test
    void afterRestore_readsTheLoginAgain_andTheDatabaseOpensAConnectionWhenNextNeeded() throws Exception {
        try (Database database = new Database(new DatabaseConfig(url, "nobody-before-the-snapshot", null))) {
            AtomicInteger reads = new AtomicInteger();
            SnapStartHooks hooks = new SnapStartHooks(database, () -> {
                reads.incrementAndGet();
                return new DatabaseConfig(url, LocalPostgres.USER, null);
            }, List.of());
            hooks.beforeCheckpoint(null); // its priming fails on the stale login: the snapshot is still taken

            hooks.afterRestore(null);

            String user = database.jdbi().withHandle(h -> h.createQuery("select current_user").mapTo(String.class)
                    .one());

            assertThat(reads).hasValue(1);
            assertThat(user).isEqualTo(LocalPostgres.USER);
        }
    }

    @Test
    void beforeCheckpoint_runsEachPriming_thenTheDatabases_andAFailedOneDoesNotStopTheOthers() throws Exception {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            List<String> ran = new ArrayList<>();
            SnapStartHooks hooks = new SnapStartHooks(database, () -> {
                throw new AssertionError("no restore here");
            }, List.of(new SnapStartHooks.Priming("a failing one", () -> {
                ran.add("failing");
                throw new IllegalStateException("priming is never required");
            }), new SnapStartHooks.Priming("the report's JSON", () -> ran.add("json"))));
            long open = openConnections();

            hooks.beforeCheckpoint(null);

            assertThat(ran).containsExactly("failing", "json");
            assertThat(awaitOpenConnections(open)).as("the database's round trip ran, and its connection closed")
                    .isEqualTo(open);
        }
    }

    private static int backendPid(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("select pg_backend_pid()").mapTo(Integer.class).one());
    }

    /** A closed connection's server process ends a moment later: waits for the count, at most 10 s. */
    private static long awaitOpenConnections(long expected) throws Exception {
        long open = openConnections();
        for (int i = 0; i < 100 && open != expected; i++) {
            Thread.sleep(100);
            open = openConnections();
        }
        return open;
    }

    private static long openConnections() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and application_name = 'qlower-loaders'");
            rs.next();
            return rs.getLong(1);
        }
    }
}
