package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.report.RecordedRun;
import com.qlower.loaders.steps.FileOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** {@link RunHistory} on {@code ingestion_runs} and {@code file_deliveries}. */
public final class PostgresRunHistory implements RunHistory {

    private final Jdbi jdbi;

    public PostgresRunHistory(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<RecordedRun> receivedBetween(Instant from, Instant to) {
        return Database.withTransientFailures("reading the runs received from " + from, () -> jdbi.withHandle(h ->
                h.createQuery("""
                                select run_id, partner_id, loader, object_key, started_at, status, received,
                                    accepted, rejected, inserted, updated, unchanged, retired, erased, error_count,
                                    first_error, archived_key
                                from ingestion_runs
                                where started_at >= :from and started_at < :to
                                order by started_at, run_id""")
                        .bind("from", from.atOffset(ZoneOffset.UTC))
                        .bind("to", to.atOffset(ZoneOffset.UTC))
                        .map((rs, ctx) -> recordedRun(rs))
                        .list()));
    }

    @Override
    public Set<String> partnersHeardFromBetween(Instant from, Instant to) {
        // a delivery is recorded as the validator starts the run, the run only once integrated or archived: the
        // deliveries see a file still in the pipeline (their key names the partner's inbox folder)
        return Database.withTransientFailures("reading who sent files from " + from, () -> jdbi.withHandle(h ->
                new TreeSet<>(h.createQuery("""
                                select partner_id from ingestion_runs
                                where started_at >= :from and started_at < :to and partner_id is not null
                                union
                                select split_part(object_key, '/', 2) from file_deliveries
                                where delivered_at >= :from and delivered_at < :to and outcome = 'STARTED'
                                    and object_key like 'inbox/%/%'""")
                        .bind("from", from.atOffset(ZoneOffset.UTC))
                        .bind("to", to.atOffset(ZoneOffset.UTC))
                        .mapTo(String.class)
                        .list())));
    }

    private static RecordedRun recordedRun(ResultSet rs) throws SQLException {
        String firstError = rs.getString("first_error");
        return new RecordedRun(rs.getString("run_id"), rs.getString("partner_id"), rs.getString("loader"),
                rs.getString("object_key"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                RunStatus.valueOf(rs.getString("status")).outcome(),
                new Counts(rs.getLong("received"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("inserted"), rs.getLong("updated"), rs.getLong("unchanged"),
                        rs.getLong("retired"), rs.getLong("erased")),
                rs.getLong("error_count"), firstError == null ? null : ErrorCode.valueOf(firstError),
                rs.getString("archived_key"));
    }
}
