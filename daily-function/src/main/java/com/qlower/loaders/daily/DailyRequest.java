package com.qlower.loaders.daily;

import com.qlower.loaders.report.DailySummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Input of the daily function, as its two schedules send it: which task, and when the schedule fired
 * ({@code <aws.scheduler.scheduled-time>}), so that a late or retried invocation works on the same day as the first.
 * Times are strings: the Lambda runtime's serializer reads no {@code java.time} types.
 *
 * @param scheduledTime RFC 3339, or null for now (an operator's invocation)
 * @param date for {@link Task#SUMMARY} only, the day to summarize ({@code YYYY-MM-DD}), or null for the day before
 *     {@code scheduledTime}
 */
public record DailyRequest(Task task, String scheduledTime, String date) {

    public enum Task {
        /** Writes each partner's summary of the previous day under {@code summaries/}. */
        SUMMARY,
        /** Warns about each registered partner that sent nothing since the previous deadline. */
        MISSING_DROP_CHECK
    }

    /** The day to summarize: the date asked, else the day before the schedule's time, in Paris. */
    LocalDate summaryDate(Clock clock) {
        return date != null ? LocalDate.parse(date)
                : LocalDate.ofInstant(firedAt(clock), DailySummary.ZONE).minusDays(1);
    }

    /** The deadline the check is about: when its schedule fired. */
    Instant firedAt(Clock clock) {
        return scheduledTime == null ? clock.instant() : Instant.parse(scheduledTime);
    }
}
