package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.report.RecordedRun;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.testing.SampleReports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run history read back from what the archiver and the validator write ({@link PostgresRunLedger},
 * {@link PostgresDeliveryLog}), on a real PostgreSQL migrated by Flyway.
 */
class PostgresRunHistoryTest {

    private static final Instant FROM = Instant.parse("2026-11-22T23:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-23T23:00:00Z");

    @RegisterExtension
    static final TestDatabase database = TestDatabase.emptiedBeforeEachTest();
    private static final PostgresRunLedger ledger = new PostgresRunLedger(database.database());
    private static final PostgresDeliveryLog deliveries = new PostgresDeliveryLog(database.database());
    private static final PostgresRunHistory history = new PostgresRunHistory(database.database());

    @Test
    void receivedBetween_readsTheRunsReceivedInTheInterval_inOrder_withTheirOutcomeCountsAndFirstError() {
        RunReport rejected = SampleReports.archived(runId('a'), "gestimmo", "transactions_20261123.json",
                FileOutcome.FAILED, new Counts(3, 0, 3, 0, 0, 0, 0, 0), List.of(
                        FileError.ofFile(ErrorCode.RECORD_COUNT_MISMATCH, Message.of("fr", "en"), null),
                        FileError.ofRecord(ErrorCode.MONEY_TOO_MANY_DECIMALS, Message.of("fr", "en"), 0, "/amount",
                                "1.234")), FROM);
        RunReport succeeded = SampleReports.archived(runId('b'), "gestimmo", "caracteristiques_20261123.json",
                FileOutcome.SUCCEEDED, new Counts(5, 5, 0, 3, 1, 0, 0, 1), List.of(),
                Instant.parse("2026-11-23T02:00:00Z"));
        RunReport noPartner = SampleReports.archived(runId('c'), null, "releve.json", FileOutcome.FAILED,
                new Counts(0, 0, 0, 0, 0, 0, 0, 0), List.of(), Instant.parse("2026-11-23T22:59:59.999Z"));
        RunReport integrated = SampleReports.archived(runId('d'), "immo-sud", "transactions_20261123.json",
                FileOutcome.SUCCEEDED, new Counts(2, 2, 0, 2, 0, 0, 0, 0), List.of(),
                Instant.parse("2026-11-23T01:00:00Z"));
        RunReport dayBefore = SampleReports.archived(runId('e'), "gestimmo", "transactions_20261122.json",
                FileOutcome.SUCCEEDED, new Counts(1, 1, 0, 1, 0, 0, 0, 0), List.of(), FROM.minusMillis(1));
        RunReport dayAfter = SampleReports.archived(runId('f'), "gestimmo", "transactions_20261124.json",
                FileOutcome.SUCCEEDED, new Counts(1, 1, 0, 1, 0, 0, 0, 0), List.of(), TO);
        List.of(rejected, succeeded, noPartner, integrated, dayBefore, dayAfter).forEach(ledger::recordOutcome);
        // committed by the integrator, not yet archived
        database.jdbi().useHandle(h -> h.execute("update ingestion_runs set status = 'INTEGRATED', "
                + "archived_key = null, finished_at = null where run_id = ?", runId('d')));

        List<RecordedRun> runs = history.receivedBetween(FROM, TO);

        assertThat(runs).extracting(RecordedRun::runId)
                .containsExactly(runId('a'), runId('d'), runId('b'), runId('c'));
        assertThat(runs.get(0)).isEqualTo(new RecordedRun(runId('a'), "gestimmo", "transactions",
                "inbox/gestimmo/transactions_20261123.json", FROM, FileOutcome.FAILED,
                new Counts(3, 0, 3, 0, 0, 0, 0, 0), 2, ErrorCode.RECORD_COUNT_MISMATCH, rejected.archivedKey()));
        assertThat(runs.get(1).outcome()).isEqualTo(FileOutcome.IN_PROGRESS);
        assertThat(runs.get(1).archivedKey()).isNull();
        assertThat(runs.get(2).counts()).isEqualTo(new Counts(5, 5, 0, 3, 1, 0, 0, 1));
        assertThat(runs.get(2).firstError()).isNull();
        assertThat(runs.get(3).partnerId()).isNull();
        assertThat(runs.get(3).loader()).isNull();
        assertThat(runs.get(3).receivedAt()).isEqualTo(Instant.parse("2026-11-23T22:59:59.999Z"));
    }

    @Test
    void partnersHeardFrom_countsRunsAndStartedDeliveries_notRepeatedOnesNorOtherDays() {
        ledger.recordOutcome(SampleReports.archived(runId('a'), "gestimmo", "transactions_20261123.json",
                FileOutcome.SUCCEEDED, new Counts(1, 1, 0, 1, 0, 0, 0, 0), List.of(),
                Instant.parse("2026-11-23T03:00:00Z")));
        ledger.recordOutcome(SampleReports.archived(runId('b'), "ancien", "transactions_20261122.json",
                FileOutcome.SUCCEEDED, new Counts(1, 1, 0, 1, 0, 0, 0, 0), List.of(), FROM.minusSeconds(1)));
        deliver(runId('c'), "inbox/immo-sud/transactions_20261123.json", DeliveryLog.Outcome.STARTED,
                Instant.parse("2026-11-23T05:00:00Z"));
        deliver(runId('d'), "inbox/repetitif/transactions_20261120.json", DeliveryLog.Outcome.DUPLICATE_IGNORED,
                Instant.parse("2026-11-23T05:00:00Z"));
        deliver(runId('e'), "inbox/tardif/transactions_20261124.json", DeliveryLog.Outcome.STARTED, TO);

        assertThat(history.partnersHeardFromBetween(FROM, TO)).containsExactly("gestimmo", "immo-sud");
        assertThat(history.partnersHeardFromBetween(TO, TO.plusSeconds(60))).containsExactly("tardif");
    }

    private static void deliver(String runId, String key, DeliveryLog.Outcome outcome, Instant at) {
        deliveries.record(new DeliveryLog.Delivery(runId, new FileRef("qlower-ingest", key, null),
                "execution-" + runId, outcome, at));
    }

    private static String runId(char c) {
        return String.valueOf(c).repeat(32);
    }
}
