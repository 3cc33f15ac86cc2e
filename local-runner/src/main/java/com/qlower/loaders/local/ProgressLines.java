package com.qlower.loaders.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The progress {@code ./loaders run} prints while a night's files run side by side: one line per state a file's
 * execution enters, each starting with the file (partner and name), so that the files' lines interleave readably.
 * A file waiting for the night's earlier files gets one line when it starts waiting and one when it stops, not
 * three per round of Transform, WereRecordsAccepted and WaitForEarlierFiles.
 */
final class ProgressLines implements LocalStateMachine.Listener {

    static final String WAIT_STATE = "WaitForEarlierFiles";
    private static final Set<String> WAIT_ROUND = Set.of("Transform", "WereRecordsAccepted", WAIT_STATE);
    /** An execution is named {partner}-{file}-{runId}: the run id is the same 32 hex characters for every line. */
    private static final Pattern RUN_ID_SUFFIX = Pattern.compile("-[0-9a-f]{32}$");

    private record Waiting(long sinceNanos, int rounds) {
    }

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, Waiting> waiting = new HashMap<>();

    ProgressLines(PrintStream out) {
        this(out, System::nanoTime);
    }

    ProgressLines(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void stateEntered(String executionName, String state) {
        String file = RUN_ID_SUFFIX.matcher(executionName).replaceFirst("");
        Waiting wait = waiting.get(executionName);
        if (state.equals(WAIT_STATE)) {
            if (wait == null) {
                waiting.put(executionName, new Waiting(nanoTime.getAsLong(), 1));
                print(file, WAIT_STATE + " (refers to a file of the night not processed yet)");
            } else {
                waiting.put(executionName, new Waiting(wait.sinceNanos(), wait.rounds() + 1));
            }
            return;
        }
        if (wait != null) {
            if (WAIT_ROUND.contains(state)) {
                return; // the Transform and WereRecordsAccepted of the next round
            }
            waiting.remove(executionName);
            print(file, String.format(Locale.ROOT, "waited %.1f s (%d %s)",
                    Duration.ofNanos(nanoTime.getAsLong() - wait.sinceNanos()).toMillis() / 1000.0, wait.rounds(),
                    wait.rounds() == 1 ? "round" : "rounds"));
        }
        print(file, state);
    }

    private void print(String file, String what) {
        out.printf(Locale.ROOT, "  %-36s %s%n", file, what);
    }
}
