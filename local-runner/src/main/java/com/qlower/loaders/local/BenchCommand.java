package com.qlower.loaders.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code ./loaders bench}, {@code bench-integration} and {@code bench-pipeline}: the benchmarks, their arguments
 * checked before anything starts.
 */
final class BenchCommand {

    static final String BENCH_USAGE = """
            usage: ./loaders bench [N...]              (default: 10000 100000 1000000)
                   ./loaders bench-integration [N]     (default: 1000000)

              bench validates generated transactions files of N records through the real validator and
              prints time, throughput and peak heap for each. bench-integration measures the integrator's
              COPY + merge of N transactions against a raw COPY of the rows it integrated (exported with
              COPY TO, COPYed back from the file), and says whether it meets its targets.
              N is a whole number of records, at least 1.

            exit status: 0 done (bench-integration: every target met), 1 a target missed, 2 usage error""";

    static final String PIPELINE_BENCH_USAGE = """
            usage: ./loaders bench-pipeline [N] [--db-url JDBC_URL]     (default N: 1000000)

              Loads 5000 properties, then runs a generated transactions snapshot of N records through the
              whole local pipeline (first load), then the next day's snapshot with a tenth of it changed
              (nightly). After each, the integrated rows, exported once with COPY TO, are COPYed from that
              file into a table of the same definition and indexes on the same server: the limit. Prints
              each step's seconds, records/s and rate as a share of that raw COPY's, peak heap and RSS, and
              a verdict on the targets. Shares are what compare: absolute times vary with the machine's load.

              N                 a whole number of transactions, at least 1
              --db-url URL      use this PostgreSQL instead of the embedded one (the benchmark's partner,
                                bench-..., and its rows stay there: prefer a throwaway database)

            exit status: 0 every target met, 1 a target missed, 2 usage or infrastructure error""";

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code bench} and {@code bench-integration}: their record counts checked before anything starts. */
    int bench(String command, List<String> args) {
        long[] counts;
        try {
            List<String> given = CommandArguments.parse(args, Set.of()).positionals();
            counts = new long[given.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = recordCount(given.get(i), command + " takes numbers of records, whole numbers from 1");
            }
            if (command.equals("bench-integration") && counts.length > 1) {
                throw new CommandArguments.UsageError("bench-integration takes one number of records, not "
                        + counts.length);
            }
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), BENCH_USAGE);
        }
        try {
            if (command.equals("bench")) {
                ValidatorBenchmark.run(out, counts.length == 0 ? ValidatorBenchmark.DEFAULT_SIZES : counts);
                return LoadersCommand.OK;
            }
            return IntegrationBenchmark.run(out, counts.length == 0 ? IntegrationBenchmark.DEFAULT_SIZE : counts[0])
                    ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    /** {@code bench-pipeline [N] [--db-url URL]}: checked before anything starts. */
    int benchPipeline(List<String> args) {
        CommandArguments arguments;
        long count = PipelineBenchmark.DEFAULT_SIZE;
        try {
            arguments = CommandArguments.parse(args, Set.of("--db-url"));
            List<String> given = arguments.positionals();
            if (!given.isEmpty()) {
                count = recordCount(given.get(0), "bench-pipeline takes a number of records, a whole number from 1");
            }
            if (given.size() > 1) {
                throw new CommandArguments.UsageError("bench-pipeline takes one number of records, not "
                        + given.get(0) + " and " + given.get(1));
            }
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), PIPELINE_BENCH_USAGE);
        }
        try {
            boolean targetsMet = PipelineBenchmark.run(out, count, arguments.dbUrl());
            return targetsMet ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    /** A number of records, a whole number from 1; else a usage error: {@code what}, not the word given. */
    private static long recordCount(String word, String what) {
        if (!word.matches("[1-9][0-9]{0,11}")) {
            throw new CommandArguments.UsageError(what + ", not " + word);
        }
        return Long.parseLong(word);
    }
}
