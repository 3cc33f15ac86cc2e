package com.qlower.loaders.local;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.steps.FileOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./loaders run PATH...}: drops partner files into the local inbox together and runs each through the whole
 * pipeline, as a night's files run on AWS, then prints one summary per file ({@link FileRunSummary}).
 */
final class RunCommand {

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

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        CommandArguments arguments;
        int dbConnections;
        List<PartnerFiles.PartnerFile> files;
        try {
            arguments = CommandArguments.parse(args, Set.of("--state-dir", "--db-url", "--db-connections"));
            dbConnections = dbConnections(arguments.value("--db-connections"));
            if (arguments.positionals().isEmpty()) {
                throw new CommandArguments.UsageError("no partner file to run: give a file or a folder");
            }
            files = PartnerFiles.collect(arguments.positionals().stream().map(Path::of).toList());
        } catch (IllegalArgumentException | IOException e) {
            return CommandArguments.refuse(err, e.getMessage(), USAGE);
        }
        return run(files, new LocalPipeline.Settings(arguments.stateDir(), arguments.dbUrl(), new ProgressLines(out),
                100, LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded(), dbConnections));
    }

    private static int dbConnections(String value) {
        if (value == null) {
            return LocalPipeline.Settings.DEFAULT_DB_CONNECTIONS;
        }
        if (!value.matches("[1-9][0-9]{0,3}")) {
            throw new CommandArguments.UsageError("--db-connections takes a number of connections from 1, not '"
                    + value + "'");
        }
        return Integer.parseInt(value);
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
                out.println(FileRunSummary.of(run, pipeline));
            }
            out.printf(Locale.ROOT, "%n%d %s: %d succeeded, %d failed; %d warnings%n", runs.size(),
                    runs.size() == 1 ? "file" : "files", succeeded, runs.size() - succeeded, warnings);
            return succeeded == runs.size() ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }
}
