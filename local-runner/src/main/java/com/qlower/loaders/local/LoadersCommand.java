package com.qlower.loaders.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

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
 * Each command is a class of its own ({@link RunCommand}, {@link PreflightCheck}, {@link BenchCommand}...); this
 * one picks it, answers {@code --help}, and holds the exit statuses they share.
 * Exit status: 0 when every file succeeded, 1 when any failed, 2 on a usage or infrastructure error. A usage error
 * is one line and the command's usage, never a stack trace; {@code --help} prints the usage and exits 0.
 */
public final class LoadersCommand {

    static final int OK = 0;
    static final int FILE_FAILED = 1;
    static final int USAGE_OR_INFRASTRUCTURE = 2;

    /** Every command, what {@code ./loaders help} prints; the script prints the same file before any build. */
    static final String HELP = help();

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
            case "run" -> RunCommand.USAGE;
            case "validate" -> PreflightCheck.USAGE;
            case "partners" -> PartnersCommand.USAGE;
            case "profile" -> ProfileCommand.USAGE;
            case "audit" -> AuditCommand.USAGE;
            case "report" -> ReportCommand.USAGE;
            case "redrive" -> RedriveCommand.USAGE;
            case "bench", "bench-integration" -> BenchCommand.BENCH_USAGE;
            case "bench-pipeline" -> BenchCommand.PIPELINE_BENCH_USAGE;
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
            case "bench", "bench-integration" -> new BenchCommand(out, err).bench(command, rest);
            case "bench-pipeline" -> new BenchCommand(out, err).benchPipeline(rest);
            default -> new RunCommand(out, err).execute(rest);
        };
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
            return new String(Objects.requireNonNull(in, "loaders-help.txt").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
