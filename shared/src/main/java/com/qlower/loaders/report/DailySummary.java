package com.qlower.loaders.report;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one partner sent on one calendar day (in Paris, where Qlower and its partners are): how many files, how each
 * ended, their counts added up, and each file with its outcome and first error code. Built from
 * {@code ingestion_runs}, so a file still being validated or transformed when the summary is made is not in it yet.
 *
 * @param partnerId {@value ArchiveLayout#UNKNOWN_PARTNER} for files whose key named no valid partner folder
 * @param inProgress files integrated but not yet archived
 * @param counts the files' counts, added
 * @param errorCount the files' errors, added
 * @param files each file, in order of reception
 */
public record DailySummary(LocalDate date, String partnerId, int filesReceived, int succeeded, int failed,
                           int inProgress, Counts counts, long errorCount, List<RecordedRun> files) {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    public DailySummary {
        files = List.copyOf(files);
    }

    /** The first instant of a day in Paris; the day ends where the next begins (23 or 25 hours on DST days). */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** The summaries of a day's runs, by partner id, for these partners and any other the runs name. */
    public static List<DailySummary> of(LocalDate date, List<RecordedRun> runs, Collection<String> partnerIds) {
        Map<String, List<RecordedRun>> byPartner = new TreeMap<>();
        partnerIds.forEach(id -> byPartner.put(id, new ArrayList<>()));
        for (RecordedRun run : runs) {
            String partner = run.partnerId() == null ? ArchiveLayout.UNKNOWN_PARTNER : run.partnerId();
            byPartner.computeIfAbsent(partner, id -> new ArrayList<>()).add(run);
        }
        return byPartner.entrySet().stream().map(e -> summarize(date, e.getKey(), e.getValue())).toList();
    }

    private static DailySummary summarize(LocalDate date, String partnerId, List<RecordedRun> files) {
        Counts counts = new Counts(0, 0, 0, 0, 0, 0, 0, 0);
        long errors = 0;
        for (RecordedRun file : files) {
            counts = counts.plus(file.counts());
            errors += file.errorCount();
        }
        return new DailySummary(date, partnerId, files.size(), count(files, FileOutcome.SUCCEEDED),
                count(files, FileOutcome.FAILED), count(files, FileOutcome.IN_PROGRESS), counts, errors, files);
    }

    private static int count(List<RecordedRun> files, FileOutcome outcome) {
        return (int) files.stream().filter(f -> f.outcome() == outcome).count();
    }
}
