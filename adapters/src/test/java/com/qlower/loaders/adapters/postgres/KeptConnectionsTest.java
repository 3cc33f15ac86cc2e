package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.localservers.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A function's database keeps one connection across invocations, opens a new one when the server dropped it, and
 * never holds more than its budget (issue 9: a night of many partners).
 */
class KeptConnectionsTest {

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.create();
    private static final String url = testDatabase.url();

    @BeforeEach
    void noConnectionLeftByTheTestBefore() {
        awaitNoConnection();
    }

    @Test
    void aFunctionsDatabase_usesOneConnection_forEveryUnitOfWork_ofEveryInvocation() {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            List<Integer> backends = new ArrayList<>();
            for (int invocation = 0; invocation < 5; invocation++) {
                backends.add(backendPid(database));
                database.jdbi().useTransaction(h -> h.execute("select 1"));
                backends.add(backendPid(database));
            }

            assertThat(database.maxConnections()).isEqualTo(1);
            assertThat(backends).as("one server process served them all").containsOnly(backends.get(0));
            assertThat(openConnections()).isEqualTo(1);
        }
        awaitNoConnection();
        assertThat(openConnections()).as("closed with the database").isZero();
    }

    @Test
    void workNestedInATransaction_onTheSameThread_sharesItsConnection_soOneIsEnough() {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            // an adapter called inside another's transaction (Jdbi lends the thread's open handle)
            int[] pids = database.jdbi().inTransaction(outer -> new int[] {
                    outer.createQuery("select pg_backend_pid()").mapTo(Integer.class).one(),
                    backendPid(database)});

            assertThat(pids[1]).isEqualTo(pids[0]);
        }
    }

    @Test
    void aConnectionTheServerDropped_isReplaced_atTheNextUnitOfWork() throws Exception {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            int first = backendPid(database);

            terminate(first);
            int second = backendPid(database);

            assertThat(second).isNotEqualTo(first);
            assertThat(openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aFailureInsideWork_leavesTheConnectionUsable_withNoTransactionOpen() {
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null))) {
            database.jdbi().useHandle(h -> h.execute("create table if not exists kept_t (v int)"));
            assertThatThrownBy(() -> database.jdbi().useTransaction(h -> {
                h.execute("insert into kept_t values (1)");
                h.execute("select * from no_such_table");
            })).isNotNull();
            // given back in a transaction, the connection was rolled back before anyone else used it
            database.jdbi().useHandle(h -> {
                h.begin();
                h.execute("insert into kept_t values (2)");
                h.rollback();
            });

            long rows = database.jdbi().withHandle(h -> h.createQuery("select count(*) from kept_t")
                    .mapTo(Long.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void manyThreads_neverOpenMoreThanTheBudget_andEachGetsItsTurn() throws Exception {
        int budget = 3;
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try (Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null), budget)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                work.add(threads.submit(() -> {
                    go.await();
                    database.jdbi().useHandle(h -> h.execute("select pg_sleep(0.2)"));
                    return null;
                }));
            }
            go.countDown();
            long peak = 0;
            while (!work.stream().allMatch(Future::isDone)) {
                peak = Math.max(peak, openConnections());
                Thread.sleep(Duration.ofMillis(10));
            }
            for (Future<?> each : work) {
                each.get(60, TimeUnit.SECONDS);
            }

            assertThat(peak).as("connections open at once").isBetween(2L, (long) budget);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCallerWaitingLongerThanAllowed_forABusyConnection_getsATransientFailure() throws Exception {
        PGSimpleDataSource opener = new PGSimpleDataSource();
        opener.setUrl(url);
        opener.setUser(LocalPostgres.USER);
        try (KeptConnections one = new KeptConnections(opener, 1, Duration.ofMillis(200));
             Connection held = one.getConnection()) {
            assertThat(held.isValid(1)).isTrue();

            assertThatThrownBy(() -> Database.withTransientFailures("second", one::getConnection))
                    .isInstanceOf(TransientFailure.class)
                    .hasMessageContaining("08001");
        }
    }

    private static int backendPid(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("select pg_backend_pid()").mapTo(Integer.class).one());
    }

    private static long openConnections() {
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and application_name = 'qlower-loaders'");
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void terminate(int pid) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("select pg_terminate_backend(" + pid + ")");
        }
        awaitNoConnection();
    }

    /** A backend leaves pg_stat_activity once it has exited, a moment after its connection closed. */
    private static void awaitNoConnection() {
        for (int i = 0; i < 100 && openConnections() > 0; i++) {
            try {
                Thread.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
