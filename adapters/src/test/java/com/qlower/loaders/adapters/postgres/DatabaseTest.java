package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.steps.FileRef;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which database failures are worth retrying: those become {@link TransientFailure}, the others stay as they are. */
class DatabaseTest {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/x";

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {
            "08000", "08001", "08003", "08006", "08P01", // connection exceptions
            "40001",                                     // serialization failure
            "40P01",                                     // deadlock detected
            "55P03",                                     // lock not available
            "53300",                                     // too many connections
            "57P01", "57P02", "57P03",                   // admin shutdown, crash shutdown, cannot connect now
    })
    void withTransientFailures_turnsFailuresWorthRetrying_intoTransientFailure(String sqlState) {
        SQLException cause = new SQLException("lost", sqlState);

        assertThatThrownBy(() -> Database.withTransientFailures("integrating run r-1", () -> {
            throw cause;
        }))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("integrating run r-1")
                .hasMessageContaining(sqlState)
                .hasCause(cause);
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {
            "23505",  // unique violation
            "23503",  // foreign key violation
            "23502",  // not null violation
            "23514",  // check violation
            "22021",  // invalid byte sequence (a NUL in text)
            "22003",  // numeric value out of range
            "42P01",  // undefined table
            "42703",  // undefined column
            "28P01",  // invalid password
            "3D000",  // database does not exist
    })
    void withTransientFailures_leavesOtherFailuresAsTheyAre_notRetried(String sqlState) {
        SQLException cause = new SQLException("bad", sqlState);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> Database.withTransientFailures("integrating run r-1", () -> {
                    throw cause;
                }));

        assertThat(thrown).isNotInstanceOf(TransientFailure.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrating run r-1")
                .hasCause(cause);
    }

    @Test
    void withTransientFailures_findsTheSqlStateInTheCauses_ofARuntimeException() {
        RuntimeException wrapped = new RuntimeException("jdbi", new RuntimeException("driver",
                new SQLTransientConnectionException("connection reset", "08006")));

        assertThatThrownBy(() -> Database.withTransientFailures("query", () -> {
            throw wrapped;
        })).isInstanceOf(TransientFailure.class).hasCause(wrapped);
    }

    @Test
    void withTransientFailures_rethrowsAnotherRuntimeException_itself() {
        RuntimeException notSql = new IllegalArgumentException("document GI-DOC-1 was not stored");
        RuntimeException unique = new RuntimeException("jdbi", new SQLException("duplicate key", "23505"));

        assertThatThrownBy(() -> Database.withTransientFailures("w", () -> {
            throw notSql;
        })).isSameAs(notSql);
        assertThatThrownBy(() -> Database.withTransientFailures("w", () -> {
            throw unique;
        })).isSameAs(unique);
    }

    @Test
    void withTransientFailures_leavesASqlExceptionWithoutState_notRetried() {
        SQLException stateless = new SQLException("no state");

        assertThatThrownBy(() -> Database.withTransientFailures("w", () -> {
            throw stateless;
        })).isInstanceOf(IllegalStateException.class).hasCause(stateless);
    }

    @Test
    void withTransientFailures_returnsTheResultOfWorkThatSucceeds() {
        assertThat(Database.withTransientFailures("w", () -> 42)).isEqualTo(42);
    }

    @Test
    void aQuery_onAServerThatCannotBeReached_isATransientFailure() {
        Database database = new Database(new DatabaseConfig(UNREACHABLE, "postgres", null));

        assertThatThrownBy(() -> Database.withTransientFailures("select 1", () -> database.jdbi()
                .withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one())))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("SQLSTATE 08");
    }

    @Test
    void integrating_onAServerThatCannotBeReached_isATransientFailure() {
        PostgresIntegrationStore store = new PostgresIntegrationStore(
                new Database(new DatabaseConfig(UNREACHABLE, "postgres", null)));
        IngestionRun run = new IngestionRun("r-1", "gestimmo", Loader.TRANSACTIONS, Mode.DELTA,
                new FileRef("qlower-ingest", "inbox/gestimmo/transactions_20261123.json", null), "0".repeat(64),
                LocalDate.of(2026, 11, 23), 0, 0, 0, 0, Instant.parse("2026-11-23T01:30:00Z"));

        assertThatThrownBy(() -> store.integrate(run, Stream.empty()))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("r-1");
    }
}
