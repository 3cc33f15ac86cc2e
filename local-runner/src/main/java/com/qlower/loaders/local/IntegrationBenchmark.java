package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.steps.FileRef;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code ./loaders bench-integration [N]}: the integrator's COPY-and-merge against a raw {@code COPY} of the rows it
 * integrated ({@link RawCopy}: exported once, COPYed back from the file by PostgreSQL alone, so the baseline is the
 * limit, not Java formatting rows) of N transactions (default 1,000,000), in the same run, on an embedded PostgreSQL: rows per
 * second and write-ahead log written, on a first load and on the nightly case (the table full, about 10 % of the
 * rows changed), then a verdict on the targets the integrator was built to (exit status 1 when one is missed).
 */
public final class IntegrationBenchmark {

    private IntegrationBenchmark() {
    }

    /** One measured step. */
    record Step(String name, long rows, double seconds, long walBytes) {
        double rate() {
            return rows / seconds;
        }
    }

    /** How many transactions {@code ./loaders bench-integration} writes when given no number. */
    static final long DEFAULT_SIZE = 1_000_000;
    /** The merge's rate on a first load, as a share of a raw COPY's: at least this. */
    static final double FIRST_LOAD_MIN_RATE = 0.45;
    /** The merge's rate on a nightly snapshot, as a share of a raw COPY's: at least this. */
    static final double NIGHTLY_MIN_RATE = 0.60;
    /** The merge's WAL on a nightly snapshot, as a multiple of a raw COPY's: at most this. */
    static final double NIGHTLY_MAX_WAL = 1.1;

    /** Measures, prints the table and the verdict; true when every target is met. */
    static boolean run(PrintStream out, long n) throws Exception {
        Path work = Files.createTempDirectory("loaders-bench-integration");
        try (LocalPostgres postgres = LocalPostgres.fresh()) {
            Database database = new Database(new DatabaseConfig(postgres.createDatabase("bench"),
                    LocalPostgres.USER, null));
            database.migrate();
            PostgresIntegrationStore store = new PostgresIntegrationStore(database);
            out.printf(Locale.ROOT, "%d transactions, PostgreSQL embedded, %d cores%n", n,
                    Runtime.getRuntime().availableProcessors());

            // first load: the empty table; then the limit, its rows exported with COPY TO and COPYed back from the
            // file into an empty table of the same definition (no Java formatting in the baseline)
            Step mergeFirst = measure(database, "COPY + merge, first load", n, () -> timed(() -> {
                IntegrationCounts counts = store.integrate(run("first", n), transactions(n, 0));
                check(counts.inserted() == n, "first load inserted " + counts);
            }));
            Path rendered = work.resolve("integrated.copy");
            RawCopy.export(database, "transactions", "bench", null, rendered);
            Step plainFirst = measure(database, "raw COPY, empty table", n,
                    () -> RawCopy.intoEmptyTwin(database, "transactions", rendered));

            // the nightly case: the table full, 10 % of the rows changed; its limit, the same rows COPYed into the
            // full table under another partner
            Path renderedElsewhere = work.resolve("integrated-elsewhere.copy");
            RawCopy.export(database, "transactions", "bench", "bench-copy", renderedElsewhere);
            Step plainNightly = measure(database, "raw COPY, full table", n,
                    () -> RawCopy.into(database, "transactions", renderedElsewhere));
            database.jdbi().useHandle(h -> h.execute("delete from transactions where partner_id = 'bench-copy'"));
            vacuum(database);
            Step mergeNightly = measure(database, "COPY + merge, nightly (10 % changed)", n, () -> timed(() -> {
                IntegrationCounts counts = store.integrate(run("nightly", n), transactions(n, 10));
                check(counts.updated() == n / 10 && counts.unchanged() == n - n / 10,
                        "nightly should update a tenth: " + counts);
            }));

            out.printf(Locale.ROOT, "%-38s %8s %12s %10s%n", "step", "seconds", "rows/s", "WAL MB");
            for (Step step : new Step[] {plainFirst, mergeFirst, plainNightly, mergeNightly}) {
                out.printf(Locale.ROOT, "%-38s %8.2f %12.0f %10.1f%n", step.name(), step.seconds(), step.rate(),
                        step.walBytes() / 1e6);
            }
            Verdict verdict = Verdict.of(plainFirst, mergeFirst, plainNightly, mergeNightly);
            verdict.lines().forEach(out::println);
            return verdict.met();
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The measurements against the targets: one line per target, and whether all are met. */
    record Verdict(List<String> lines, boolean met) {

        static Verdict of(Step plainFirst, Step mergeFirst, Step plainNightly, Step mergeNightly) {
            double firstRate = mergeFirst.rate() / plainFirst.rate();
            double nightlyRate = mergeNightly.rate() / plainNightly.rate();
            double nightlyWal = (double) mergeNightly.walBytes() / plainNightly.walBytes();
            boolean firstMet = firstRate >= FIRST_LOAD_MIN_RATE;
            boolean rateMet = nightlyRate >= NIGHTLY_MIN_RATE;
            boolean walMet = nightlyWal <= NIGHTLY_MAX_WAL;
            List<String> lines = List.of(
                    String.format(Locale.ROOT, "first load: merge at %.0f %% of raw COPY's rate (target >= %.0f %%)"
                            + "  %s", 100 * firstRate, 100 * FIRST_LOAD_MIN_RATE, firstMet ? "met" : "MISSED"),
                    String.format(Locale.ROOT, "nightly:    merge at %.0f %% of raw COPY's rate (target >= %.0f %%)"
                            + "  %s", 100 * nightlyRate, 100 * NIGHTLY_MIN_RATE, rateMet ? "met" : "MISSED"),
                    String.format(Locale.ROOT, "nightly:    WAL %.2f x raw COPY's (target <= %.1f)  %s",
                            nightlyWal, NIGHTLY_MAX_WAL, walMet ? "met" : "MISSED"),
                    firstMet && rateMet && walMet ? "verdict: every target met"
                            : "verdict: a target MISSED (a busy machine slows both sides unevenly: run it again on an "
                            + "idle one before concluding)");
            return new Verdict(lines, firstMet && rateMet && walMet);
        }
    }

    /** A step and the WAL it wrote; {@code work} answers its own seconds (the COPY alone, for the limit). */
    private static Step measure(Database database, String name, long rows, DoubleSupplier work) {
        RawCopy.checkpoint(database); // each step starts after a checkpoint: fair WAL
        String before = wal(database);
        double seconds = work.getAsDouble();
        long walBytes = database.jdbi().withHandle(h -> h.createQuery(
                "select pg_wal_lsn_diff(pg_current_wal_lsn(), cast(:before as pg_lsn))")
                .bind("before", before).mapTo(Long.class).one());
        return new Step(name, rows, seconds, walBytes);
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String wal(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("select pg_current_wal_lsn()::text")
                .mapTo(String.class).one());
    }

    private static void vacuum(Database database) {
        database.jdbi().useHandle(h -> h.execute("vacuum analyze transactions"));
    }

    private static IngestionRun run(String name, long n) {
        return new IngestionRun("bench-" + name + "-" + UUID.randomUUID(), "bench", Loader.TRANSACTIONS,
                Mode.SNAPSHOT, new FileRef("bench", "inbox/bench/transactions_20261124.json", null),
                UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""),
                LocalDate.of(2026, 11, name.equals("first") ? 23 : 24), 0, n, n, 0, Instant.now());
    }

    /** N transactions; with {@code changedPercent}, that share of them has another label than the first time. */
    static Stream<Transaction> transactions(long n, int changedPercent) {
        LocalDate day = LocalDate.of(2026, 1, 1);
        return LongStream.range(0, n).mapToObj(i -> {
            boolean changed = changedPercent > 0 && i % (100 / changedPercent) == 0;
            LocalDate booked = day.plusDays(i % 300);
            return new Transaction("TRX-" + i, "PRP-" + (i % 5_000), booked, booked, (i % 2 == 0 ? 1 : -1)
                    * (1000 + i % 90_000), "EUR", (changed ? "LOYER REVISE " : "LOYER ") + (i % 5_000),
                    "Locataire " + (i % 5_000), TransactionCategory.RENT, Transaction.CategorySource.GIVEN,
                    TransactionCategory.RENT.accountCode(), null);
        });
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
