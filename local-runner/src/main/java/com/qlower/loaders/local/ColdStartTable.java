package com.qlower.loaders.local;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

    /**
     * One start of a function or probe: its init (wall time; the process's CPU time, user and system, which the
     * machine's load changes little; the classes loaded), its first invocation, and what that invocation answered.
     */
    record Start(long initNanos, long initCpuNanos, int initClasses, long firstInvocationNanos, String answer) {
    }

    /**
     * A function's line of the table: medians over the runs, and the lowest and highest of the runs' own ratios (each
     * run's function start against the probe start beside it: how far the machine's noise moves the ratio).
     */
    record Row(String function, long jarBytes, Init init, Init probe, double firstInvocationSeconds,
               String firstAnswer, double lowestRunRatio, double highestRunRatio) {
        double ratio() {
            return init.seconds() / probe.seconds();
        }

        double cpuRatio() {
            return init.cpuSeconds() / probe.cpuSeconds();
        }

        boolean met() {
            return ratio() <= MAX_RATIO;
        }
    }

    /** The medians of the inits of a function, or of its probe: wall time, CPU time, classes loaded. */
    record Init(double seconds, double cpuSeconds, double classes) {
        static Init of(List<Start> starts) {
            return new Init(median(starts.stream().map(Start::initNanos).toList()) / 1e9,
                    median(starts.stream().map(Start::initCpuNanos).toList()) / 1e9,
                    median(starts.stream().map(start -> (long) start.initClasses()).toList()));
        }
    }

    /** The medians of a function's starts and its probe's, run by run in the same order. */
    static Row row(String function, long jarBytes, List<Start> starts, List<Start> probes) {
        List<Double> runRatios = IntStream.range(0, starts.size())
                .mapToObj(run -> (double) starts.get(run).initNanos() / probes.get(run).initNanos()).sorted().toList();
        return new Row(function, jarBytes, Init.of(starts), Init.of(probes),
                median(starts.stream().map(Start::firstInvocationNanos).toList()) / 1e9,
                starts.getLast().answer(), runRatios.getFirst(), runRatios.getLast());
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /**
     * Wall time, then CPU time and classes loaded at init, each the function's, its probe's and their ratio (the
     * CPU time and the classes say where the init goes even when the machine's load makes the wall time noisy).
     */
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-12s %9s %8s %8s %6s %8s %8s %6s %7s %7s %13s  %s%n", "function", "jar", "init", "probe", "ratio",
                "CPU", "probe", "ratio", "classes", "probe", "first invoke", "first answer"));
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT,
                    "%-12s %6.1f MB %6.2f s %6.2f s %6.2f %6.2f s %6.2f s %6.2f %7.0f %7.0f %11.2f s  %s%n",
                    row.function(), row.jarBytes() / 1e6, row.init().seconds(), row.probe().seconds(), row.ratio(),
                    row.init().cpuSeconds(), row.probe().cpuSeconds(), row.cpuRatio(), row.init().classes(),
                    row.probe().classes(), row.firstInvocationSeconds(), row.firstAnswer()));
        }
        return table.toString();
    }

    static String verdict(List<Row> rows) {
        return rows.stream().map(row -> String.format(Locale.ROOT, "%s: init %.2f times its probe's (the runs' own: "
                + "%.2f to %.2f; target at most %.1f): %s", row.function(), row.ratio(), row.lowestRunRatio(),
                row.highestRunRatio(), MAX_RATIO, row.met() ? "met" : "MISSED"))
                .collect(Collectors.joining("\n"));
    }
}
