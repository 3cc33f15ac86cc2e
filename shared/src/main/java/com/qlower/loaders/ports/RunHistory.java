package com.qlower.loaders.ports;

import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.report.RecordedRun;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What files were received when: the runs recorded in {@code ingestion_runs}, and the deliveries the validator
 * recorded as they arrived, for the daily summaries and the check that every partner sent its nightly drop.
 *
 * <p>Contract: a time interval is {@code [from, to)}; a run or delivery belongs to the interval its reception time
 * falls in, whatever happened to it later.
 */
public interface RunHistory {

    /** The recorded runs of the files received in the interval, every partner's, in order of reception. */
    List<RecordedRun> receivedBetween(Instant from, Instant to);

    /** The recorded runs of the files received on a calendar day in Paris: what a {@link DailySummary} sums up. */
    default List<RecordedRun> receivedOn(LocalDate date) {
        return receivedBetween(DailySummary.startOf(date), DailySummary.startOf(date.plusDays(1)));
    }

    /**
     * The partners (their inbox folder names) that sent at least one file in the interval: a recorded run, or a
     * delivery whose run is still in the pipeline and not recorded yet. A repeated delivery of an earlier upload
     * does not count.
     */
    Set<String> partnersHeardFromBetween(Instant from, Instant to);
}
