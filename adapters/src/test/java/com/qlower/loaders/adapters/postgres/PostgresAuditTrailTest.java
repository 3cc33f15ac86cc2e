package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qlower.loaders.adapters.postgres.AuditVerifier.BrokenRun;
import com.qlower.loaders.adapters.postgres.AuditVerifier.Problem;
import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.audit.AuditEvent.Action;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.steps.FileRef;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit trail on a real PostgreSQL: each run's events chained, changes refused by the trigger and by the
 * functions' grants, and a history changed behind their back found by the verifier. Events cannot be removed, so
 * each test gets its own database, migrated in the same cluster (where the functions' role already exists).
 */
class PostgresAuditTrailTest {

    private static final String SHA256 = "bf040677f3a1e48f633be24a9caa1e730e09bb4acc5944fc335a6524a0663ab5";
    private static final Instant NIGHT = Instant.parse("2026-11-23T01:30:00Z");
    private static final List<Action> LIFE = List.of(Action.RECEIVED, Action.VALIDATED, Action.TRANSFORMED,
            Action.INTEGRATED, Action.ARCHIVED, Action.NOTIFIED);
    private static final List<String> ACTORS = List.of("validator", "validator", "transformer", "integrator",
            "archiver", "notifier");

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();
    private static final Database database = testDatabase.database();
    private static final PostgresAuditTrail trail = new PostgresAuditTrail(database);
    private static final AuditVerifier verifier = new AuditVerifier(database);

    // ---------------------------------------------------------------------------------------------- chaining

    @Test
    void aFilesWholeLife_isOneChain_inOrder_thatVerifies() {
        String run = recordLife();

        List<StoredRow> rows = rows(run);

        assertThat(rows).extracting(StoredRow::seq).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(rows).extracting(StoredRow::action)
                .containsExactlyElementsOf(LIFE.stream().map(Enum::name).toList());
        assertThat(rows).extracting(StoredRow::actor).containsExactlyElementsOf(ACTORS);
        assertThat(rows.get(0).previousHash()).isNull();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).previousHash()).as("seq %d", i + 1).isEqualTo(rows.get(i - 1).hash());
        }
        assertThat(rows).extracting(StoredRow::hash).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(verifier.verifyAll()).isEqualTo(new AuditVerifier.Result(1, 6, List.of()));
    }

    @Test
    void twoRunsInterleaved_stayTwoSeparateChains() {
        String a = newRunId();
        String b = newRunId();

        trail.record(event(a, Action.RECEIVED, "validator", null, NIGHT));
        trail.record(event(b, Action.RECEIVED, "validator", null, NIGHT));
        trail.record(event(a, Action.VALIDATED, "validator", "received 13, accepted 13", NIGHT.plusSeconds(1)));
        trail.record(event(b, Action.DUPLICATE_IGNORED, "validator", null, NIGHT.plusSeconds(1)));
        trail.record(event(a, Action.TRANSFORMED, "transformer", null, NIGHT.plusSeconds(2)));

        assertThat(rows(a)).extracting(StoredRow::seq).containsExactly(1, 2, 3);
        assertThat(rows(b)).extracting(StoredRow::seq).containsExactly(1, 2);
        assertThat(rows(b).get(0).previousHash()).isNull();
        assertThat(rows(a).get(1).previousHash()).isEqualTo(rows(a).get(0).hash());
        assertThat(rows(b).get(1).previousHash()).isEqualTo(rows(b).get(0).hash());
        assertThat(verifier.verifyAll()).isEqualTo(new AuditVerifier.Result(2, 5, List.of()));
        assertThat(verifier.verifyRun(b)).isEqualTo(new AuditVerifier.Result(1, 2, List.of()));
    }

    @Test
    void everyAction_isAcceptedByTheSchema() {
        String run = newRunId();

        for (Action action : Action.values()) {
            trail.record(event(run, action, "operator:jdupont", null, NIGHT));
        }

        assertThat(rows(run)).extracting(StoredRow::action)
                .containsExactlyElementsOf(List.of(Action.values()).stream().map(Enum::name).toList());
        assertThat(verifier.verifyRun(run).intact()).isTrue();
    }

    @Test
    void anEventsTime_isStoredToTheMicrosecond_andStillVerifies() {
        String run = newRunId();

        trail.record(event(run, Action.RECEIVED, "validator", null, Instant.parse("2026-11-23T01:30:00.123456789Z")));

        Instant stored = database.jdbi().withHandle(h -> h.createQuery("select occurred_at from audit_events")
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).one());
        assertThat(stored).isEqualTo(Instant.parse("2026-11-23T01:30:00.123456Z"));
        assertThat(verifier.verifyRun(run).intact()).isTrue();
    }

    @Test
    @Timeout(120)
    void concurrentAppendsToOneRun_takeSeqsOneToN_inOneValidChain() throws Exception {
        String run = newRunId();
        int threads = 8;
        int eventsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> appenders = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < eventsEach; i++) {
                        trail.record(event(run, Action.NOTIFIED, "notifier", "thread " + thread + " event " + i,
                                NIGHT.plusMillis(i)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> appender : appenders) {
                appender.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rows(run)).extracting(StoredRow::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * eventsEach).boxed().toList());
        assertThat(verifier.verifyRun(run)).isEqualTo(new AuditVerifier.Result(1, threads * eventsEach, List.of()));
    }

    // ---------------------------------------------------------------------------------------------- append-only

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "update audit_events set detail = 'nothing happened' | UPDATE",
            "delete from audit_events                            | DELETE",
            "truncate audit_events                               | TRUNCATE",
    })
    void changingOrRemovingEvents_isRefusedByTheTrigger_evenForTheOwner(String sql, String operation) {
        String run = recordLife();

        Throwable refused = catchThrowable(() -> database.jdbi().useHandle(h -> h.execute(sql)));

        assertThat(refused).rootCause()
                .hasMessageContaining("audit_events is append-only: " + operation + " refused");
        assertThat(rows(run)).hasSize(LIFE.size());
        assertThat(verifier.verifyAll().intact()).isTrue();
    }

    @Test
    void theFunctionsLoginUser_appendsEvents_butIsNotGrantedToChangeOrRemoveThem() {
        database.jdbi().useHandle(h -> h.execute("""
                do $$ begin
                    if not exists (select from pg_roles where rolname = 'loaders_functions') then
                        create role loaders_functions login password 'functions-pw' in role qlower_loaders_app;
                    end if;
                end $$"""));
        Database asFunctions = new Database(new DatabaseConfig(testDatabase.urlAs("loaders_functions"),
                "loaders_functions", "functions-pw"));
        String run = newRunId();

        new PostgresAuditTrail(asFunctions).record(event(run, Action.RECEIVED, "validator", null, NIGHT));
        new PostgresDeliveryLog(asFunctions).record(new DeliveryLog.Delivery(run, new FileRef("qlower-ingest",
                "inbox/gestimmo/transactions_20261123.json", "v-3"), "gestimmo-transactions_20261123-" + run,
                DeliveryLog.Outcome.STARTED, NIGHT));

        for (String refused : List.of("update audit_events set detail = 'x'", "delete from audit_events",
                "truncate audit_events", "alter table audit_events disable trigger audit_events_append_only",
                "select * from flyway_schema_history")) {
            Throwable thrown = catchThrowable(() -> asFunctions.jdbi().useHandle(h -> h.execute(refused)));
            assertThat(sqlStateOf(thrown)).as(refused).isEqualTo("42501");  // insufficient privilege
        }
        assertThat(rows(run)).hasSize(1);
        long deliveries = database.jdbi().withHandle(h -> h.createQuery("select count(*) from file_deliveries")
                .mapTo(Long.class).one());
        assertThat(deliveries).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- verifying

    @Test
    void anEventChangedAfterwards_isFoundByTheVerifier_byRunAndSeq() {
        String tampered = recordLife();
        String intact = recordLife();

        behindTheTriggersBack("update audit_events set detail = 'nothing to see' where run_id = ? and seq = 3",
                tampered);

        AuditVerifier.Result result = verifier.verifyAll();
        assertThat(result.runs()).isEqualTo(2);
        assertThat(result.events()).isEqualTo(2L * LIFE.size());
        assertThat(result.broken()).containsExactly(
                new BrokenRun(tampered, 3, Problem.HASH_MISMATCH, "the event no longer matches its hash"));
        assertThat(verifier.verifyRun(intact).intact()).isTrue();
    }

    @Test
    void aMiddleEventDeleted_isFoundAsAGap() {
        String run = recordLife();

        behindTheTriggersBack("delete from audit_events where run_id = ? and seq = 2", run);

        assertThat(verifier.verifyAll().broken())
                .containsExactly(new BrokenRun(run, 3, Problem.SEQ_GAP, "seq 2 missing"));
    }

    @Test
    void aMiddleEventDeleted_andTheNextOnesRenumbered_isFoundAsABrokenLink() {
        String run = recordLife();

        behindTheTriggersBack("delete from audit_events where run_id = ? and seq = 2", run);
        behindTheTriggersBack("update audit_events set seq = seq - 1 where run_id = ? and seq > 2", run);

        assertThat(verifier.verifyAll().broken())
                .containsExactly(new BrokenRun(run, 2, Problem.BROKEN_LINK, "previous_hash is not the hash of seq 1"));
    }

    @Test
    void anEventChangedAndResealed_breaksTheLinkOfTheEventAfterIt() {
        String run = recordLife();
        StoredRow third = rows(run).get(2);
        AuditEvent forged = event(run, Action.TRANSFORMED, "transformer", "forged", NIGHT.plusSeconds(2));
        String resealed = AuditChainLink.following(forged, 3, third.previousHash()).hash();

        behindTheTriggersBack("update audit_events set detail = 'forged', hash = ? where run_id = ? and seq = 3",
                resealed, run);

        assertThat(verifier.verifyAll().broken())
                .containsExactly(new BrokenRun(run, 4, Problem.BROKEN_LINK, "previous_hash is not the hash of seq 3"));
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private record StoredRow(int seq, String action, String actor, String previousHash, String hash) {
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static AuditEvent event(String run, Action action, String actor, String detail, Instant at) {
        return new AuditEvent(run, action, actor, "gestimmo", "inbox/gestimmo/transactions_20261123.json", "v-3",
                SHA256, "gestimmo-transactions_20261123-" + run, detail, at);
    }

    /** A new run through its whole life, one event per step, a second apart. */
    private String recordLife() {
        String run = newRunId();
        for (int i = 0; i < LIFE.size(); i++) {
            trail.record(event(run, LIFE.get(i), ACTORS.get(i), "step " + (i + 1), NIGHT.plusSeconds(i)));
        }
        return run;
    }

    private List<StoredRow> rows(String run) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        select seq, action, actor, previous_hash, hash from audit_events where run_id = :run
                        order by seq""")
                .bind("run", run)
                .map((rs, ctx) -> new StoredRow(rs.getInt("seq"), rs.getString("action"), rs.getString("actor"),
                        rs.getString("previous_hash"), rs.getString("hash")))
                .list());
    }

    /** What only the table's owner can do: switch the trigger off, change the trail, switch it on again. */
    private void behindTheTriggersBack(String sql, Object... args) {
        database.jdbi().useTransaction(h -> {
            h.execute("alter table audit_events disable trigger audit_events_append_only");
            h.execute(sql, args);
            h.execute("alter table audit_events enable trigger audit_events_append_only");
        });
    }

    private static String sqlStateOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
