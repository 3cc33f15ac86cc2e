package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./loaders}: the command line of the local runner.
 * <pre>
 * ./loaders run PATH... [--db-url JDBC_URL] [--state-dir DIR] [--db-connections N]
 * ./loaders validate FILE... [--partner PARTNER_ID] [--json] [--lang fr|en]
 * ./loaders audit verify [--run RUN_ID] [--db-url JDBC_URL] [--state-dir DIR]
 * ./loaders report --date YYYY-MM-DD [--partner PARTNER_ID] [--json] [--state-dir DIR] [--db-url URL]
 * </pre>
 * Exit status: 0 when every file succeeded, 1 when any failed, 2 on a usage or infrastructure error.
 */
public final class LoadersCommand {

    static final int OK = 0;
    static final int FILE_FAILED = 1;
    static final int USAGE_OR_INFRASTRUCTURE = 2;

    static final String USAGE = """
            usage: ./loaders run PATH... [--db-url JDBC_URL] [--state-dir DIR] [--db-connections N]
                   ./loaders validate FILE... [--partner PARTNER_ID] [--json] [--lang fr|en]
                   ./loaders partners list|add ...   (./loaders partners for its options)
                   ./loaders audit verify [--run RUN_ID] [--db-url JDBC_URL] [--state-dir DIR]
                   ./loaders report --date YYYY-MM-DD [--partner PARTNER_ID] [--json]   (a day's files per partner)

              Runs partner files through the whole pipeline on this machine: validate, transform,
              integrate into PostgreSQL, archive to success/ or failure/ with a report.
              PATH is a partner file, or a folder laid out like the inbox: PATH/{partner_id}/{file}.json.
              audit verify checks that no run's audit trail was changed (./loaders audit for more).

              --state-dir DIR   where the local S3 objects and database live (default: .loaders)
              --db-url URL      use this PostgreSQL (jdbc:postgresql://host:port/db?user=..&password=..)
                                instead of the embedded one
              --db-connections N  at most N database connections, and N function invocations
                                at once (default 10): the stack's DatabaseConnectionBudget, locally

            exit status: 0 every file succeeded, 1 a file failed, 2 usage or infrastructure error""";

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
        if (args.length > 0 && args[0].equals("validate")) {
            return new PreflightCheck(out, err).execute(List.of(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("partners")) {
            return new PartnersCommand(out, err).execute(List.of(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("audit")) {
            return new AuditCommand(out, err).execute(List.of(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("report")) {
            return new ReportCommand(out, err).execute(List.of(args).subList(1, args.length));
        }
        if (args.length == 0 || !args[0].equals("run")) {
            err.println(args.length == 0 || args[0].equals("help") || args[0].equals("--help") ? USAGE
                    : "unknown command '" + args[0] + "'\n\n" + USAGE);
            return USAGE_OR_INFRASTRUCTURE;
        }
        List<Path> paths = new ArrayList<>();
        Path stateDir = Path.of(".loaders");
        String dbUrl = null;
        int dbConnections = LocalPipeline.Settings.DEFAULT_DB_CONNECTIONS;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--state-dir", "--db-url", "--db-connections" -> {
                    if (i + 1 >= args.length) {
                        err.println(args[i] + " needs a value\n\n" + USAGE);
                        return USAGE_OR_INFRASTRUCTURE;
                    }
                    if (args[i].equals("--state-dir")) {
                        stateDir = Path.of(args[++i]);
                    } else if (args[i].equals("--db-url")) {
                        dbUrl = args[++i];
                    } else {
                        String value = args[++i];
                        dbConnections = value.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(value) : 0;
                        if (dbConnections == 0) {
                            err.println("--db-connections takes a number of connections from 1, not '" + value
                                    + "'\n\n" + USAGE);
                            return USAGE_OR_INFRASTRUCTURE;
                        }
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        err.println("unknown option " + args[i] + "\n\n" + USAGE);
                        return USAGE_OR_INFRASTRUCTURE;
                    }
                    paths.add(Path.of(args[i]));
                }
            }
        }
        List<PartnerFile> files;
        try {
            files = collect(paths);
        } catch (IllegalArgumentException | IOException e) {
            err.println(e.getMessage() + "\n\n" + USAGE);
            return USAGE_OR_INFRASTRUCTURE;
        }
        if (files.isEmpty()) {
            err.println("no partner file to run\n\n" + USAGE);
            return USAGE_OR_INFRASTRUCTURE;
        }
        return run(files, new LocalPipeline.Settings(stateDir, dbUrl,
                (execution, state) -> out.println("  " + execution + " > " + state), 100,
                LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded(), dbConnections));
    }

    private int run(List<PartnerFile> files, LocalPipeline.Settings settings) {
        out.println("starting the local S3 server and PostgreSQL"
                + (settings.stateDir() == null ? "" : " (state in " + settings.stateDir() + ")"));
        List<LocalPipeline.FileRun> runs = new ArrayList<>();
        try (LocalPipeline pipeline = new LocalPipeline(settings)) {
            if (pipeline.partners().all().isEmpty()) {
                // a fresh state: the sample partner, so that the samples run at once
                pipeline.partners().save(PartnersCommand.SAMPLE_PARTNER);
                out.println("registered the sample partner " + PartnersCommand.SAMPLE_PARTNER.partnerId()
                        + " (./loaders partners add registers others)");
            }
            // dropped together, as a night's files land; each execution goes its own way, as on AWS
            List<LocalPipeline.Dropped> dropped = new ArrayList<>();
            for (PartnerFile file : files) {
                out.println(file.key());
                dropped.add(pipeline.drop(file.key(), file.path()));
            }
            for (LocalPipeline.Dropped file : dropped) {
                runs.add(file.finish());
            }
            out.println();
            boolean allSucceeded = true;
            for (LocalPipeline.FileRun run : runs) {
                allSucceeded &= run.report().outcome() == FileOutcome.SUCCEEDED;
                out.println(summary(run, pipeline));
            }
            return allSucceeded ? OK : FILE_FAILED;
        } catch (Exception e) {
            err.println("infrastructure error: " + e);
            e.printStackTrace(err);
            return USAGE_OR_INFRASTRUCTURE;
        }
    }

    static String summary(LocalPipeline.FileRun run, LocalPipeline pipeline) {
        RunReport report = run.report();
        Counts c = report.counts();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%-9s %s  received %d, accepted %d, rejected %d; inserted %d, updated %d, unchanged %d%s  %.1f s",
                report.outcome(), run.key(), c.received(), c.accepted(), c.rejected(), c.inserted(), c.updated(),
                c.unchanged(), c.retired() == 0 ? "" : ", retired " + c.retired(), run.took().toMillis() / 1000.0));
        if (run.reportKey() != null) {
            Path onDisk = pipeline.localPathOf(run.reportKey());
            line.append("\n          report: ").append(onDisk != null ? onDisk : run.reportKey());
        } else {
            line.append("\n          not archived: execution ").append(run.execution().status()).append(' ')
                    .append(run.execution().error());
        }
        JsonNode notified = run.execution().output() == null ? null : run.execution().output().get("notify");
        if (notified != null) {
            line.append("\n          notified: email ").append(notified.path("email").asText())
                    .append(", webhook ").append(notified.path("webhook").asText());
            if (notified.path("email").asText().equals("SENT")) {
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

    /** A file to submit and the inbox key it is uploaded under. */
    record PartnerFile(Path path, String key) {
    }

    /**
     * The files to submit, in the order a night's drop is best processed: characteristics before the
     * transactions and documents that refer to them, then by date and correction.
     */
    static List<PartnerFile> collect(List<Path> paths) throws IOException {
        List<PartnerFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(new PartnerFile(path, keyOf(path)));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> partners = Files.list(path)) {
                    for (Path partner : partners.filter(Files::isDirectory).sorted().toList()) {
                        try (Stream<Path> inPartner = Files.list(partner)) {
                            inPartner.filter(Files::isRegularFile).sorted()
                                    .forEach(f -> files.add(new PartnerFile(f, keyOf(f))));
                        }
                    }
                }
            } else {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
        }
        files.sort(Comparator.comparingInt(LoadersCommand::loaderRank).thenComparing(PartnerFile::key));
        return files;
    }

    private static String keyOf(Path file) {
        Path partner = file.toAbsolutePath().getParent().getFileName();
        return PartnerFileName.INBOX_PREFIX + partner + "/" + file.getFileName();
    }

    private static int loaderRank(PartnerFile file) {
        try {
            Loader loader = PartnerFileName.parse(file.key()).loader();
            return loader.ordinal();
        } catch (RuntimeException e) {
            return Loader.values().length;
        }
    }
}
