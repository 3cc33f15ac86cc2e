package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.AuditVerifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./loaders audit verify}: checks that the audit trail ({@code audit_events}) is as it was written, by
 * recomputing each run's hash chain ({@link AuditVerifier}), in the local runner's database or in the one
 * {@code --db-url} names. It only reads: it migrates nothing, so a schema before V7 is an infrastructure error.
 */
final class AuditCommand {

    static final String USAGE = """
            usage: ./loaders audit verify [--run RUN_ID] [--db-url JDBC_URL] [--state-dir DIR]

              Recomputes the hash chain of every run's audit events (or only RUN_ID's) and prints each
              run whose history was changed afterwards, with its first broken event.

              --state-dir DIR   where the local runner's database lives (default: .loaders)
              --db-url URL      check this PostgreSQL instead (jdbc:postgresql://host:port/db?user=..&password=..)

            exit status: 0 the trail is intact, 1 a run's history was changed, 2 usage or infrastructure error
                         (a --run with no audit event included)""";
    static final int TAMPERED = 1;
    static final int NOT_FOUND = LoadersCommand.USAGE_OR_INFRASTRUCTURE;

    private final PrintStream out;
    private final PrintStream err;

    AuditCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        CommandArguments arguments;
        try {
            arguments = CommandArguments.parse(args, Set.of("--state-dir", "--db-url", "--run"));
            List<String> subcommand = arguments.positionals(1);
            if (subcommand.isEmpty() || !subcommand.get(0).equals("verify")) {
                throw new CommandArguments.UsageError(subcommand.isEmpty() ? "audit needs a subcommand"
                        : "unknown audit subcommand " + subcommand.get(0));
            }
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), USAGE);
        }
        Path stateDir = arguments.stateDir();
        String dbUrl = arguments.dbUrl();
        String run = arguments.value("--run");
        if (dbUrl == null && !Files.isDirectory(stateDir.resolve("postgres"))) {
            err.println("no local database in " + stateDir.resolve("postgres")
                    + ": run ./loaders run first, or give --db-url");
            return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
        }
        try (LocalDatabase database = LocalDatabase.existing(stateDir, dbUrl)) {
            AuditVerifier verifier = new AuditVerifier(database.database());
            AuditVerifier.Result result = run == null ? verifier.verifyAll() : verifier.verifyRun(run);
            if (run != null && result.runs() == 0) {
                err.println("no audit event of run " + run + " in this database: give a run's whole id (a report's "
                        + "run_id, 32 hex characters), or leave --run out to check every run");
                return NOT_FOUND;
            }
            return report(result);
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    private int report(AuditVerifier.Result result) {
        for (AuditVerifier.BrokenRun broken : result.broken()) {
            out.println("TAMPERED run " + broken.runId() + " from seq " + broken.seq() + ": " + broken.problem()
                    + " (" + broken.detail() + ")");
        }
        out.println((result.intact() ? "intact: " : "changed afterwards: " + result.broken().size() + " of ")
                + result.runs() + " runs, " + result.events() + " events verified");
        return result.intact() ? LoadersCommand.OK : TAMPERED;
    }
}
