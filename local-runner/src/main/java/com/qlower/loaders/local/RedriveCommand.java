package com.qlower.loaders.local;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.steps.FileOutcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./loaders redrive}: the local executions that did not finish their job (the runner was killed, an outage
 * outlasted the retries: ArchiveFailed, IntegratedNotReported, a notification that did not go) run again from
 * where they stopped, as Step Functions' redrive does on AWS (docs/operating-outages.md).
 */
final class RedriveCommand {

    static final String USAGE = """
            usage: ./loaders redrive [--state-dir DIR] [--db-url JDBC_URL]

              Runs again, from where it stopped, every execution of the state folder that did not finish
              its job: one the runner did not see to its end (killed), one that ended ArchiveFailed or
              IntegratedNotReported, one whose partner was not notified. The steps are safe to run again:
              a file is archived once, its partner notified once. It lists, and leaves, the executions
              that ended PipelineFailed with their partner told (kept 7 days): the file failed, and goes
              through when the partner sends it again once the cause is fixed.

              --state-dir DIR   where the local S3 objects, database and executions live (default: .loaders)
              --db-url URL      the PostgreSQL the runs used, when it was not the embedded one

            exit status: 0 every redriven file succeeded (or nothing to redrive), 1 a file failed,
                         2 usage or infrastructure error""";

    private final PrintStream out;
    private final PrintStream err;

    RedriveCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        CommandArguments arguments;
        try {
            arguments = CommandArguments.parse(args, Set.of("--state-dir", "--db-url"));
            arguments.positionals(0);
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), USAGE);
        }
        Path stateDir = arguments.stateDir();
        String dbUrl = arguments.dbUrl();
        if (!Files.isDirectory(stateDir.resolve(ExecutionJournal.FOLDER))) {
            out.println("no execution in " + stateDir + ": nothing to redrive");
            return LoadersCommand.OK;
        }
        try (StateFolderLock lock = StateFolderLock.acquire(stateDir, out::println);
             LocalPipeline pipeline = new LocalPipeline(new LocalPipeline.Settings(stateDir, dbUrl,
                new ProgressLines(out), 100, LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded()))) {
            List<ExecutionJournal.Unfinished> unfinished = pipeline.unfinished();
            List<ExecutionJournal.FailedAndTold> left = pipeline.failedAndTold();
            if (!left.isEmpty()) {
                out.println("left as " + (left.size() == 1 ? "it is, 1 execution" : "they are, " + left.size()
                        + " executions") + " that ended PipelineFailed with the partner told (nothing to redrive: "
                        + "the file is in failure/, and goes through when sent again once the cause is fixed):");
                left.forEach(l -> out.println("  " + l.name() + " (" + l.key() + "), ended " + l.endedAt()));
            }
            if (unfinished.isEmpty()) {
                out.println("every execution in " + stateDir + " finished its job: nothing to redrive");
                return LoadersCommand.OK;
            }
            out.println("redriving " + unfinished.size() + (unfinished.size() == 1 ? " execution" : " executions")
                    + ":");
            unfinished.forEach(u -> out.println("  " + u.name() + " (" + u.key() + "): " + u.why() + "; from "
                    + u.fromState()));
            List<LocalPipeline.FileRun> runs = pipeline.redrive();
            out.println();
            long succeeded = runs.stream().filter(r -> r.report().outcome() == FileOutcome.SUCCEEDED).count();
            runs.forEach(run -> out.println(FileRunSummary.of(run, pipeline)));
            out.printf(Locale.ROOT, "%n%d redriven: %d succeeded, %d failed; %d still unfinished%n", runs.size(),
                    succeeded, runs.size() - succeeded, pipeline.unfinished().size());
            return succeeded == runs.size() ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }
}
