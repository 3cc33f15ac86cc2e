package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunHistory;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.report.RecordedRun;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./loaders report}: the daily summary of the local runner's files, what the daily function writes to
 * {@code summaries/} on AWS.
 * <pre>
 * ./loaders report --date YYYY-MM-DD [--partner ID] [--json] [--state-dir DIR] [--db-url URL]
 * </pre>
 * One table per partner (every registered partner, and any other that sent files that day), or a JSON array.
 */
final class ReportCommand {

    static final String USAGE = """
            usage: ./loaders report --date YYYY-MM-DD [--partner PARTNER_ID] [--json] [--state-dir DIR] [--db-url URL]

              The files received that day (a calendar day in Paris), per partner: outcomes, counts added up,
              and each file with its outcome and first error code. --json prints the summaries as a JSON array.""";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(DailySummary.ZONE);

    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        CommandArguments arguments;
        LocalDate date;
        try {
            arguments = CommandArguments.parse(args, Set.of("--date", "--partner", "--state-dir", "--db-url"),
                    Set.of("--json"));
            arguments.positionals(0);
            date = date(arguments.value("--date"));
        } catch (CommandArguments.UsageError e) {
            return CommandArguments.refuse(err, e.getMessage(), USAGE);
        }
        String partner = arguments.value("--partner");
        boolean json = arguments.flag("--json");
        try (LocalDatabase database = new LocalDatabase(arguments.stateDir(), arguments.dbUrl())) {
            List<DailySummary> summaries = DailySummary.of(date,
                    new PostgresRunHistory(database.database()).receivedOn(date),
                    new PostgresPartnerRegistry(database.database()).partnerIds());
            if (partner != null) {
                // a partner neither registered nor heard from that day still gets its (empty) day
                String only = partner;
                LocalDate day = date;
                summaries = List.of(summaries.stream().filter(s -> s.partnerId().equals(only)).findFirst()
                        .orElseGet(() -> DailySummary.of(day, List.of(), List.of(only)).get(0)));
            }
            if (json) {
                out.println(ContractJson.internalMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(summaries));
            } else {
                summaries.forEach(s -> out.println(table(s)));
            }
            return LoadersCommand.OK;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    /** A partner's day: a header line, the records added up, then one line per file. */
    static String table(DailySummary s) {
        Counts c = s.counts();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%s  %s (Paris): %d files, %d succeeded, %d failed, %d in progress; %d errors%n"
                        + "  records received %d, accepted %d, rejected %d; inserted %d, updated %d, unchanged %d, "
                        + "retired %d, erased %d%n",
                s.partnerId(), s.date(), s.filesReceived(), s.succeeded(), s.failed(), s.inProgress(), s.errorCount(),
                c.received(), c.accepted(), c.rejected(), c.inserted(), c.updated(), c.unchanged(), c.retired(),
                c.erased()));
        if (!s.files().isEmpty()) {
            table.append(String.format(Locale.ROOT, "  %-8s  %-11s  %8s  %8s  %8s  %6s  %-28s  %s%n", "TIME",
                    "OUTCOME", "RECEIVED", "ACCEPTED", "REJECTED", "ERRORS", "FIRST ERROR", "FILE"));
        }
        for (RecordedRun f : s.files()) {
            table.append(String.format(Locale.ROOT, "  %-8s  %-11s  %8d  %8d  %8d  %6d  %-28s  %s%n",
                    TIME.format(f.receivedAt()), f.outcome(), f.counts().received(), f.counts().accepted(),
                    f.counts().rejected(), f.errorCount(), f.firstError() == null ? "-" : f.firstError(),
                    PartnerFileName.fileNameOf(f.objectKey())));
        }
        return table.toString();
    }

    private static LocalDate date(String value) {
        if (value == null) {
            throw new CommandArguments.UsageError("--date is required");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandArguments.UsageError("--date is YYYY-MM-DD, not " + value);
        }
    }
}
