package com.qlower.loaders.local;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.FileOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./loaders bench-pipeline [N] [--db-url URL]}: the whole local pipeline on a realistic transactions snapshot
 * of N records (default 1,000,000) against its limit, in one run, on one PostgreSQL. It loads the properties the
 * transactions are on, then the snapshot (first load), then the next day's snapshot with a tenth of the records
 * changed (nightly); after each, the integrated rows, exported once with COPY TO, are COPYed from that file into a
 * table of the same definition and indexes ({@link RawCopy}). It prints each step's time, records per second, and
 * its rate as a share of the raw COPY's, with the JVM's peak heap and RSS, then a verdict on the targets (exit
 * status 1 when one is missed). Absolute times depend on the machine and its load; the shares are what compare.
 */
final class PipelineBenchmark {

    /** How many transactions {@code ./loaders bench-pipeline} loads when given no number. */
    static final long DEFAULT_SIZE = 1_000_000;
    /** The properties the transactions are on (loaded first, by a caracteristiques snapshot). */
    static final int PROPERTIES = 5_000;
    /** The whole pipeline's rate on a first load, as a share of the raw COPY's: at least this. */
    static final double FIRST_LOAD_MIN = 0.35;
    /** The whole pipeline's rate on a nightly snapshot (10 % changed), as a share of the raw COPY's: at least this. */
    static final double NIGHTLY_MIN = 0.50;
    /** The integration step's rate on a first load, as a share of the raw COPY's: at least this. */
    static final double INTEGRATION_MIN = 0.60;

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 23);

    private PipelineBenchmark() {
    }

    /** The steps of one file's trip, in seconds; {@code rawCopy} is the limit measured just after it. */
    record Trip(String name, long records, double upload, double validation, double transformation,
                double integration, double archiveAndNotify, double whole, double rawCopy, long peakHeapBytes,
                long peakRssBytes, Counts counts) {

        List<Object[]> rows() {
            return List.of(new Object[] {"upload to the inbox", upload}, new Object[] {"validation", validation},
                    new Object[] {"transformation", transformation}, new Object[] {"integration", integration},
                    new Object[] {"archive and notification", archiveAndNotify},
                    new Object[] {"whole pipeline", whole}, new Object[] {"raw COPY (the limit)", rawCopy});
        }

        /** A step's rate as a share of the raw COPY's. */
        double share(double seconds) {
            return rawCopy / seconds;
        }
    }

    /** When each execution entered each state, the first time: the steps' boundaries. */
    static final class StateTimes implements LocalStateMachine.Listener {
        private final Map<String, Map<String, Instant>> entered = new ConcurrentHashMap<>();

        @Override
        public void stateEntered(String executionName, String stateName) {
            entered.computeIfAbsent(executionName, n -> new ConcurrentHashMap<>())
                    .putIfAbsent(stateName, Instant.now());
        }

        Instant of(String executionName, String stateName) {
            Instant at = entered.getOrDefault(executionName, Map.of()).get(stateName);
            if (at == null) {
                throw new IllegalStateException("execution " + executionName + " never entered " + stateName);
            }
            return at;
        }
    }

    /** Measures, prints the tables and the verdict; true when every target is met. */
    static boolean run(PrintStream out, long n, String dbUrl) throws Exception {
        Path work = Files.createTempDirectory("loaders-bench-pipeline");
        StateTimes states = new StateTimes();
        // a partner of its own: on a database given by --db-url, each run is a first load
        String partnerId = dbUrl == null ? "bench" : "bench-" + Long.toString(System.currentTimeMillis(), 36);
        try (LocalPipeline pipeline = new LocalPipeline(new LocalPipeline.Settings(work.resolve("state"), dbUrl,
                states, 100, LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded(),
                LocalPipeline.Settings.DEFAULT_DB_CONNECTIONS))) {
            pipeline.partners().save(new Partner(partnerId, "Benchmark", Partner.Language.EN, List.of(), null, null,
                    false, EnumSet.allOf(Loader.class), 5.0));
            Path properties = work.resolve("caracteristiques.json");
            BenchmarkFiles.caracteristiques(properties, partnerId, FIRST_DAY, PROPERTIES);
            LocalPipeline.FileRun loaded = pipeline.submit(key(partnerId, "caracteristiques", FIRST_DAY), properties);
            check(loaded.report().outcome() == FileOutcome.SUCCEEDED, "the properties were not loaded: "
                    + loaded.report().counts() + " " + loaded.report().errors().first());
            Files.delete(properties);

            Path first = work.resolve("transactions-first.json");
            BenchmarkFiles.transactions(first, partnerId, FIRST_DAY, n, PROPERTIES, 0);
            long fileBytes = Files.size(first);
            out.printf(Locale.ROOT, "bench-pipeline: %d transactions (%.1f MB) on %d properties, PostgreSQL %s, "
                    + "%d cores, max heap %d MB%n", n, fileBytes / 1e6, PROPERTIES,
                    dbUrl == null ? "embedded" : dbUrl.replaceFirst("\\?.*", ""),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            Path rendered = work.resolve("integrated.copy");
            List<Trip> trips = new ArrayList<>();
            trips.add(trip(pipeline, states, "first load (no transactions yet)", partnerId, first, FIRST_DAY, n,
                    rendered));
            check(trips.get(0).counts().inserted() == n, "the first load should insert every record: "
                    + trips.get(0).counts());

            Path nightly = work.resolve("transactions-nightly.json");
            BenchmarkFiles.transactions(nightly, partnerId, FIRST_DAY.plusDays(1), n, PROPERTIES, 10);
            trips.add(trip(pipeline, states, "nightly (all there, 10 % changed)", partnerId, nightly,
                    FIRST_DAY.plusDays(1), n, rendered));
            long changed = (n + 9) / 10;
            check(trips.get(1).counts().updated() == changed && trips.get(1).counts().unchanged() == n - changed,
                    "the nightly snapshot should update " + changed + " records: " + trips.get(1).counts());

            trips.forEach(trip -> print(out, trip));
            Verdict verdict = Verdict.of(trips.get(0), trips.get(1));
            verdict.lines().forEach(out::println);
            return verdict.met();
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One snapshot through the pipeline, then the raw COPY of what it integrated. */
    private static Trip trip(LocalPipeline pipeline, StateTimes states, String name, String partnerId, Path file,
                             LocalDate date, long n, Path rendered) throws IOException {
        RawCopy.checkpoint(pipeline.database());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        PeakRss.reset();
        Instant start = Instant.now();
        LocalPipeline.Dropped dropped = pipeline.drop(key(partnerId, "transactions", date), file);
        LocalPipeline.FileRun run = dropped.finish();
        Instant end = Instant.now();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long peakRss = PeakRss.bytes();
        Files.delete(file);
        check(run.report().outcome() == FileOutcome.SUCCEEDED, name + ": the file did not succeed: "
                + run.execution().status() + " " + run.report().errors().first());

        String execution = dropped.executionName();
        Instant transform = states.of(execution, "Transform");
        Instant integrate = states.of(execution, "Integrate");
        Instant archive = states.of(execution, "ArchiveIntegratedFile");
        if (!Files.exists(rendered)) {
            RawCopy.export(pipeline.database(), "transactions", partnerId, null, rendered);
        }
        double rawCopy = RawCopy.intoEmptyTwin(pipeline.database(), "transactions", rendered);
        return new Trip(name, n, seconds(start, dropped.uploaded()),
                seconds(dropped.uploaded(), states.of(execution, "WasFileAccepted")), seconds(transform, integrate),
                seconds(integrate, archive), seconds(archive, end), seconds(start, end), rawCopy, peakHeap, peakRss,
                run.report().counts());
    }

    private static void print(PrintStream out, Trip trip) {
        Counts c = trip.counts();
        out.printf(Locale.ROOT, "%n%s: inserted %d, updated %d, unchanged %d; peak heap %d MB, peak RSS %s%n",
                trip.name(), c.inserted(), c.updated(), c.unchanged(), trip.peakHeapBytes() >> 20,
                trip.peakRssBytes() < 0 ? "unknown" : (trip.peakRssBytes() >> 20) + " MB");
        out.printf(Locale.ROOT, "  %-26s %9s %12s %14s%n", "step", "seconds", "records/s", "of raw COPY's");
        for (Object[] row : trip.rows()) {
            double seconds = (double) row[1];
            out.printf(Locale.ROOT, "  %-26s %9.2f %12.0f %13.0f%%%n", row[0], seconds, trip.records() / seconds,
                    100 * trip.share(seconds));
        }
    }

    /** The measurements against the targets: one line per target, and whether all are met. */
    record Verdict(List<String> lines, boolean met) {

        static Verdict of(Trip firstLoad, Trip nightly) {
            double first = firstLoad.share(firstLoad.whole());
            double night = nightly.share(nightly.whole());
            double integration = firstLoad.share(firstLoad.integration());
            List<String> lines = new ArrayList<>();
            lines.add("");
            boolean met = target(lines, "first load: whole pipeline", first, FIRST_LOAD_MIN)
                    & target(lines, "nightly:    whole pipeline", night, NIGHTLY_MIN)
                    & target(lines, "first load: integration", integration, INTEGRATION_MIN);
            lines.add(met ? "verdict: every target met" : "verdict: a target MISSED (a busy machine slows both "
                    + "sides unevenly: run it again on an idle one before concluding)");
            return new Verdict(List.copyOf(lines), met);
        }

        private static boolean target(List<String> lines, String what, double share, double min) {
            boolean met = share >= min;
            lines.add(String.format(Locale.ROOT, "%-28s at %3.0f %% of the raw COPY's rate (target >= %.0f %%)  %s",
                    what, 100 * share, 100 * min, met ? "met" : "MISSED"));
            return met;
        }
    }

    /** The peak resident set size of this process, from Linux's {@code /proc/self}; -1 elsewhere. */
    static final class PeakRss {
        private PeakRss() {
        }

        /** Starts the peak afresh (Linux 4.0+: writing 5 to clear_refs resets VmHWM). */
        static void reset() {
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not Linux, or not allowed: the peak is then since the start of the process
            }
        }

        static long bytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return -1;
        }
    }

    private static String key(String partnerId, String loader, LocalDate date) {
        return "inbox/" + partnerId + "/" + loader + "_" + date.toString().replace("-", "") + ".json";
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
