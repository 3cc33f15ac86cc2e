package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.NotifyResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./loaders}: the command line of the local runner ({@code ./loaders help} lists every command; the
 * {@code loaders} script runs {@code test} and {@code build} itself and hands the others to this class).
 * <pre>
 * ./loaders run PATH... [--db-url JDBC_URL] [--state-dir DIR] [--db-connections N]
 * ./loaders validate FILE|FOLDER... [--partner PARTNER_ID] [--json] [--lang fr|en]
 * ./loaders partners list|add|profile ...
 * ./loaders profile suggest FILE|FOLDER... [--partner PARTNER_ID]
 * ./loaders audit verify [--run RUN_ID] [--db-url JDBC_URL] [--state-dir DIR]
 * ./loaders report --date YYYY-MM-DD [--partner PARTNER_ID] [--json] [--state-dir DIR] [--db-url URL]
 * ./loaders redrive [--state-dir DIR] [--db-url URL]
 * ./loaders bench [N...]
 * ./loaders bench-integration [N]
 * ./loaders bench-pipeline [N] [--db-url JDBC_URL]
 * </pre>
 * Exit status: 0 when every file succeeded, 1 when any failed, 2 on a usage or infrastructure error. A usage error
 * is one line and the command's usage, never a stack trace; {@code --help} prints the usage and exits 0.
 */
public final class LoadersCommand {

    static final int OK = 0;
    static final int FILE_FAILED = 1;
    static final int USAGE_OR_INFRASTRUCTURE = 2;

    /** Every command, what {@code ./loaders help} prints; the script prints the same file before any build. */
    static final String HELP = help();

    static final String USAGE = """
            usage: ./loaders run PATH... [--db-url JDBC_URL] [--state-dir DIR] [--db-connections N]

              Runs partner files through the whole pipeline on this machine: validate, transform,
              integrate into PostgreSQL, archive to success/ or failure/ with a report.
              PATH is a partner file, a partner's folder (PATH/{file}.json, the folder named after the
              partner) or a folder of partners' folders, laid out like the inbox: PATH/{partner_id}/{file}.json.

              --state-dir DIR   where the local S3 objects and database live (default: .loaders)
              --db-url URL      use this PostgreSQL (jdbc:postgresql://host:port/db?user=..&password=..)
                                instead of the embedded one
              --db-connections N  at most N database connections, and N function invocations
                                at once (default 10): the stack's DatabaseConnectionBudget, locally

            exit status: 0 every file succeeded, 1 a file failed, 2 usage or infrastructure error""";

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

    LoadersCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new LoadersCommand(System.out, System.err).execute(args));
    }

    int execute(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        if (List.of("help", "--help", "-h").contains(command)) {
            out.print(HELP);
            return OK;
        }
        String usage = switch (command) {
            case "run" -> USAGE;
            case "validate" -> PreflightCheck.USAGE;
            case "partners" -> PartnersCommand.USAGE;
            case "profile" -> ProfileCommand.USAGE;
            case "audit" -> AuditCommand.USAGE;
            case "report" -> ReportCommand.USAGE;
            case "redrive" -> RedriveCommand.USAGE;
            case "bench", "bench-integration" -> BENCH_USAGE;
            case "bench-pipeline" -> PIPELINE_BENCH_USAGE;
            default -> null;
        };
        if (usage == null) {
            err.print((List.of("test", "build").contains(command)
                    ? command + " runs Maven, not the local runner: run it as ./loaders " + command
                    : "unknown command '" + command + "'") + "\n\n" + HELP);
            return USAGE_OR_INFRASTRUCTURE;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(usage);
            return OK;
        }
        return switch (command) {
            case "validate" -> new PreflightCheck(out, err).execute(rest);
            case "partners" -> new PartnersCommand(out, err).execute(rest);
            case "profile" -> new ProfileCommand(out, err).execute(rest);
            case "audit" -> new AuditCommand(out, err).execute(rest);
            case "report" -> new ReportCommand(out, err).execute(rest);
            case "redrive" -> new RedriveCommand(out, err).execute(rest);
            case "bench", "bench-integration" -> bench(command, rest);
            case "bench-pipeline" -> benchPipeline(rest);
            default -> run(rest);
        };
    }

    private int run(List<String> args) {
        List<Path> paths = new ArrayList<>();
        Path stateDir = Path.of(".loaders");
        String dbUrl = null;
        int dbConnections = LocalPipeline.Settings.DEFAULT_DB_CONNECTIONS;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--state-dir", "--db-url", "--db-connections" -> {
                    if (i + 1 >= args.size()) {
                        return usageError(args.get(i) + " needs a value", USAGE);
                    }
                    if (args.get(i).equals("--state-dir")) {
                        stateDir = Path.of(args.get(++i));
                    } else if (args.get(i).equals("--db-url")) {
                        dbUrl = args.get(++i);
                    } else {
                        String value = args.get(++i);
                        dbConnections = value.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(value) : 0;
                        if (dbConnections == 0) {
                            return usageError("--db-connections takes a number of connections from 1, not '"
                                    + value + "'", USAGE);
                        }
                    }
                }
                default -> {
                    if (args.get(i).startsWith("--")) {
                        return usageError("unknown option " + args.get(i), USAGE);
                    }
                    paths.add(Path.of(args.get(i)));
                }
            }
        }
        if (paths.isEmpty()) {
            return usageError("no partner file to run: give a file or a folder", USAGE);
        }
        List<PartnerFiles.PartnerFile> files;
        try {
            files = PartnerFiles.collect(paths);
        } catch (IllegalArgumentException | IOException e) {
            return usageError(e.getMessage(), USAGE);
        }
        ProgressLines progress = new ProgressLines(out);
        return run(files, new LocalPipeline.Settings(stateDir, dbUrl, progress, 100,
                LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded(), dbConnections));
    }

    /** {@code bench} and {@code bench-integration}: their record counts checked before anything starts. */
    private int bench(String command, List<String> args) {
        long[] counts = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            try {
                counts[i] = Long.parseLong(args.get(i));
            } catch (NumberFormatException e) {
                counts[i] = 0;
            }
            if (counts[i] < 1) {
                return usageError(command + " takes numbers of records, whole numbers from 1, not " + args.get(i),
                        BENCH_USAGE);
            }
        }
        if (command.equals("bench-integration") && counts.length > 1) {
            return usageError("bench-integration takes one number of records, not " + counts.length, BENCH_USAGE);
        }
        try {
            if (command.equals("bench")) {
                ValidatorBenchmark.run(out, counts.length == 0 ? ValidatorBenchmark.DEFAULT_SIZES : counts);
                return OK;
            }
            return IntegrationBenchmark.run(out, counts.length == 0 ? IntegrationBenchmark.DEFAULT_SIZE : counts[0])
                    ? OK : FILE_FAILED;
        } catch (Exception e) {
            return infrastructureError(err, e);
        }
    }

    /** {@code bench-pipeline [N] [--db-url URL]}: checked before anything starts. */
    private int benchPipeline(List<String> args) {
        Long count = null;
        String dbUrl = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--db-url")) {
                if (i + 1 >= args.size()) {
                    return usageError("--db-url needs a value", PIPELINE_BENCH_USAGE);
                }
                dbUrl = args.get(++i);
            } else if (arg.startsWith("--")) {
                return usageError("unknown option " + arg, PIPELINE_BENCH_USAGE);
            } else if (count != null) {
                return usageError("bench-pipeline takes one number of records, not " + count + " and " + arg,
                        PIPELINE_BENCH_USAGE);
            } else if (arg.matches("[1-9][0-9]{0,11}")) {
                count = Long.parseLong(arg);
            } else {
                return usageError("bench-pipeline takes a number of records, a whole number from 1, not " + arg,
                        PIPELINE_BENCH_USAGE);
            }
        }
        try {
            return PipelineBenchmark.run(out, count == null ? PipelineBenchmark.DEFAULT_SIZE : count, dbUrl)
                    ? OK : FILE_FAILED;
        } catch (Exception e) {
            return infrastructureError(err, e);
        }
    }

    private int usageError(String problem, String usage) {
        err.println(problem + "\n\n" + usage);
        return USAGE_OR_INFRASTRUCTURE;
    }

    /**
     * Says what went wrong outside the partner's files: one line of what to do when the database cannot be
     * reached, else the error and its stack trace (something unexpected, to report).
     */
    static int infrastructureError(PrintStream err, Exception e) {
        if (e instanceof LocalDatabase.Unreachable || e instanceof StateFolderLock.InUse) {
            err.println(e.getMessage());
        } else {
            err.println("infrastructure error: " + e);
            e.printStackTrace(err);
        }
        return USAGE_OR_INFRASTRUCTURE;
    }

    private static String help() {
        try (var in = LoadersCommand.class.getResourceAsStream("/loaders-help.txt")) {
            return new String(java.util.Objects.requireNonNull(in, "loaders-help.txt").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int run(List<PartnerFiles.PartnerFile> files, LocalPipeline.Settings settings) {
        out.println("starting the local S3 server and PostgreSQL"
                + (settings.stateDir() == null ? "" : " (state in " + settings.stateDir() + ")"));
        List<LocalPipeline.FileRun> runs = new ArrayList<>();
        try (StateFolderLock lock = StateFolderLock.acquire(settings.stateDir(), out::println);
             LocalPipeline pipeline = new LocalPipeline(settings)) {
            if (pipeline.partners().all().isEmpty()) {
                // a fresh state: the sample partner, so that the samples run at once
                pipeline.partners().save(PartnersCommand.SAMPLE_PARTNER);
                out.println("registered the sample partner " + PartnersCommand.SAMPLE_PARTNER.partnerId()
                        + " (./loaders partners add registers others)");
            }
            int unfinished = pipeline.unfinished().size();
            if (unfinished > 0) {
                out.println(unfinished + (unfinished == 1 ? " execution" : " executions") + " of " + settings.stateDir()
                        + " did not finish its job (killed, or failed after the retries): ./loaders redrive"
                        + " --state-dir " + settings.stateDir() + " finishes " + (unfinished == 1 ? "it" : "them"));
            }
            // dropped together, as a night's files land; each execution goes its own way, as on AWS
            out.println("dropping " + files.size() + (files.size() == 1 ? " file" : " files")
                    + " into the local inbox, together; each file's states as its execution enters them:");
            files.forEach(file -> out.println("  " + file.key()));
            List<LocalPipeline.Dropped> dropped = new ArrayList<>();
            for (PartnerFiles.PartnerFile file : files) {
                dropped.add(pipeline.drop(file.key(), file.path()));
            }
            for (LocalPipeline.Dropped file : dropped) {
                runs.add(file.finish());
            }
            out.println();
            long succeeded = 0;
            long warnings = 0;
            for (LocalPipeline.FileRun run : runs) {
                succeeded += run.report().outcome() == FileOutcome.SUCCEEDED ? 1 : 0;
                warnings += run.report().warnings().total();
                out.println(summary(run, pipeline));
            }
            out.printf(Locale.ROOT, "%n%d %s: %d succeeded, %d failed; %d warnings%n", runs.size(),
                    runs.size() == 1 ? "file" : "files", succeeded, runs.size() - succeeded, warnings);
            return succeeded == runs.size() ? OK : FILE_FAILED;
        } catch (Exception e) {
            return infrastructureError(err, e);
        }
    }

    /** {@code 1 error}, {@code 2 errors}, {@code 0 errors}. */
    static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String summary(LocalPipeline.FileRun run, LocalPipeline pipeline) {
        RunReport report = run.report();
        Counts c = report.counts();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%-9s %s  received %d, accepted %d, rejected %d; inserted %d, updated %d, unchanged %d%s; "
                        + "%s, %s  %.1f s",
                report.outcome(), run.key(), c.received(), c.accepted(), c.rejected(), c.inserted(), c.updated(),
                c.unchanged(), c.retired() == 0 ? "" : ", retired " + c.retired(),
                counted(report.errors().total(), "error"), counted(report.warnings().total(), "warning"),
                run.took().toMillis() / 1000.0));
        if (run.reportKey() != null) {
            String pageKey = ArchiveLayout.htmlReportKeyOf(report.archivedKey());
            Path onDisk = pipeline.localPathOf(pageKey);
            line.append("\n          report: ").append(onDisk != null ? onDisk : pageKey)
                    .append("  (and .report.json beside it)");
        } else {
            line.append("\n          not archived: execution ").append(run.execution().status()).append(' ')
                    .append(run.execution().error());
        }
        JsonNode notified = run.execution().output() == null ? null : run.execution().output().get("notify");
        if (notified != null) {
            line.append("\n          notified: email ").append(notified.path("email").asText())
                    .append(", webhook ").append(notified.path("webhook").asText());
            NotifyResult.EmailResult email = NotifyResult.EmailResult.valueOf(notified.path("email").asText());
            if (email == NotifyResult.EmailResult.SENT) {
                line.append(" (emails in ").append(pipeline.emailsFolder()).append(')');
            }
        }
        for (FileError error : report.errors().first().stream().limit(3).toList()) {
            line.append("\n          ").append(error.code()).append(": ").append(error.message().en());
            if (error.pointer() != null) {
                line.append(" at ").append(error.pointer());
            }
            if (error.line() != null) {
                line.append(" at line ").append(error.line()).append(", column ").append(error.column());
            }
        }
        if (report.errors().total() > 3) {
            line.append("\n          ... and ").append(report.errors().total() - 3).append(" more in the report");
        }
        return line.toString();
    }
}
