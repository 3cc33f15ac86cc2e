package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What {@code ./loaders run} prints while files run side by side. */
class ProgressLinesTest {

    private static final String RUN_ID = "cc79e5ec5f5c6d0708f466cd522ac01a";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private final ProgressLines progress = new ProgressLines(new PrintStream(out, true, StandardCharsets.UTF_8),
            nanos::get);

    @Test
    void eachLine_startsWithTheFile_withoutTheRunId_soInterleavedFilesStayReadable() {
        progress.stateEntered("gestimmo-caracteristiques_20261123-" + RUN_ID, "WasFileAccepted");
        progress.stateEntered("gestimmo-transactions_20261123-" + RUN_ID, "WasFileAccepted");
        progress.stateEntered("gestimmo-caracteristiques_20261123-" + RUN_ID, "Transform");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                  gestimmo-caracteristiques_20261123   WasFileAccepted
                  gestimmo-transactions_20261123       WasFileAccepted
                  gestimmo-caracteristiques_20261123   Transform
                """);
    }

    @Test
    void aWaitingFile_getsOneLineWhenItStartsWaiting_andOneWhenItStops_notThreePerRound() {
        String transactions = "gestimmo-transactions_20261123-" + RUN_ID;
        for (String state : new String[] {"WasFileAccepted", "Transform", "WereRecordsAccepted"}) {
            progress.stateEntered(transactions, state);
        }
        for (int round = 0; round < 40; round++) {
            progress.stateEntered(transactions, "WaitForEarlierFiles");
            nanos.addAndGet(600_000_000L);
            progress.stateEntered(transactions, "Transform");
            progress.stateEntered(transactions, "WereRecordsAccepted");
        }
        progress.stateEntered(transactions, "Integrate");

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  gestimmo-transactions_20261123       WasFileAccepted",
                "  gestimmo-transactions_20261123       Transform",
                "  gestimmo-transactions_20261123       WereRecordsAccepted",
                "  gestimmo-transactions_20261123       WaitForEarlierFiles (refers to a file of the night not "
                        + "processed yet)",
                "  gestimmo-transactions_20261123       waited 24.0 s (40 rounds)",
                "  gestimmo-transactions_20261123       Integrate");
    }
}
