package com.qlower.loaders.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one {@code ./loaders} command, parsed the one way every command takes them: options that take a
 * value ({@code --state-dir DIR}; given twice, the last counts, or each for {@link #values}), flags that take none
 * ({@code --json}), and the rest, in order, as positionals. An argument is an option when it starts with
 * {@code --}; the word after an option that takes a value is its value, whatever it looks like.
 *
 * <p>What a command does not take fails at once with a {@link UsageError} of one line naming it: {@code unknown
 * option --x}, {@code --x needs a value}, {@code unexpected argument y}.
 */
final class CommandArguments {

    /** A command line the command does not take; its message is one line, naming what is wrong. */
    static final class UsageError extends IllegalArgumentException {
        UsageError(String problem) {
            super(problem);
        }
    }

    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    private CommandArguments() {
    }

    /**
     * @param valued the options that take a value
     * @param flagged the options that take none
     */
    static CommandArguments parse(List<String> args, Set<String> valued, Set<String> flagged) {
        CommandArguments parsed = new CommandArguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                parsed.positionals.add(arg);
            } else if (flagged.contains(arg)) {
                parsed.flags.add(arg);
            } else if (!valued.contains(arg)) {
                throw new UsageError("unknown option " + arg);
            } else if (i + 1 >= args.size()) {
                throw new UsageError(arg + " needs a value");
            } else {
                parsed.values.computeIfAbsent(arg, o -> new ArrayList<>()).add(args.get(++i));
            }
        }
        return parsed;
    }

    /** Options that take a value, no flag. */
    static CommandArguments parse(List<String> args, Set<String> valued) {
        return parse(args, valued, Set.of());
    }

    /** The option's value, the last one given; null when it was not given. */
    String value(String option) {
        List<String> given = values.get(option);
        return given == null ? null : given.get(given.size() - 1);
    }

    /** Every value the option was given, in order. */
    List<String> values(String option) {
        return List.copyOf(values.getOrDefault(option, List.of()));
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    /** {@code --state-dir}: where the local runner's objects, database and executions live. */
    Path stateDir() {
        String given = value("--state-dir");
        return Path.of(given == null ? ".loaders" : given);
    }

    /** {@code --db-url}: a PostgreSQL to use instead of the embedded one; null for the embedded one. */
    String dbUrl() {
        return value("--db-url");
    }

    List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** The positionals, refused beyond {@code most}: the first one too many is named. */
    List<String> positionals(int most) {
        if (positionals.size() > most) {
            throw new UsageError("unexpected argument " + positionals.get(most));
        }
        return positionals();
    }

    /**
     * Says a usage error as every command says it: the problem on one line, then the command's usage.
     *
     * @return the exit status of a usage error
     */
    static int refuse(PrintStream err, String problem, String usage) {
        err.println(problem + "\n\n" + usage);
        return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
    }
}
