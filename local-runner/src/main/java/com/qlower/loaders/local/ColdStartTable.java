package com.qlower.loaders.local;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code ./loaders bench-coldstart} prints once every start is measured: each function's medians, the table
 * and the verdict on the target. Pure arithmetic and formatting, apart from the starting of JVMs, so that it is
 * tested without starting any.
 */
final class ColdStartTable {

    /** A function's init, as a multiple of its SDK-only probe's: at most this (issue 14). */
    static final double MAX_RATIO = 1.5;

    private ColdStartTable() {
    }

    /** One start of a function or probe: its init, its first invocation, and what that invocation answered. */
    record Start(long initNanos, long firstInvocationNanos, String answer) {
    }

    /** A function's line of the table: medians over the runs. */
    record Row(String function, long jarBytes, double initSeconds, double probeInitSeconds,
               double firstInvocationSeconds, String firstAnswer) {
        double ratio() {
            return initSeconds / probeInitSeconds;
        }

        boolean met() {
            return ratio() <= MAX_RATIO;
        }
    }

    /** The medians of a function's starts and its probe's. */
    static Row row(String function, long jarBytes, List<Start> starts, List<Start> probes) {
        return new Row(function, jarBytes, median(starts.stream().map(Start::initNanos).toList()) / 1e9,
                median(probes.stream().map(Start::initNanos).toList()) / 1e9,
                median(starts.stream().map(Start::firstInvocationNanos).toList()) / 1e9,
                starts.getLast().answer());
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-12s %9s %8s %11s %6s %13s  %s%n", "function", "jar", "init", "probe init", "ratio",
                "first invoke", "first answer"));
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "%-12s %6.1f MB %6.2f s %9.2f s %6.2f %11.2f s  %s%n",
                    row.function(), row.jarBytes() / 1e6, row.initSeconds(), row.probeInitSeconds(), row.ratio(),
                    row.firstInvocationSeconds(), row.firstAnswer()));
        }
        return table.toString();
    }

    static String verdict(List<Row> rows) {
        return rows.stream().map(row -> String.format(Locale.ROOT, "%s: init %.2f times its probe's (target at most "
                + "%.1f): %s", row.function(), row.ratio(), MAX_RATIO, row.met() ? "met" : "MISSED"))
                .collect(Collectors.joining("\n"));
    }
}
