package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.local.LocalStateMachine.Execution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executions journal of a state folder does not grow with every file: a finished execution's entry goes, one
 * with something left to do stays for the redrive, one that ended PipelineFailed with its partner told is listed for
 * seven days, then goes.
 */
class ExecutionJournalTest {

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T06:00:00Z"));

    @Test
    void succeededAndNotified_isRemovedAsItEnds_whileAKilledOneStaysForTheRedrive() throws IOException {
        ExecutionJournal journal = new ExecutionJournal(stateDir, clock);
        journal.entered("killed", input("inbox/p/caracteristiques_20261123.json"), "Integrate", "Task", data());
        journal.entered("done", input("inbox/p/transactions_20261123.json"), "NotifyIntegrated", "Task", data());

        journal.ended(new Execution("done", input("inbox/p/transactions_20261123.json"), Execution.Status.SUCCEEDED,
                data(), null, null, List.of("Validate", "NotifyIntegrated", "FileIntegrated")));

        assertThat(entries()).containsExactly("killed.json");
        assertThat(journal.unfinished()).extracting(ExecutionJournal.Unfinished::name).containsExactly("killed");
        assertThat(journal.knows("done")).isFalse();
    }

    @Test
    void succeededWithItsNotificationMissing_staysForTheRedrive() throws IOException {
        ExecutionJournal journal = new ExecutionJournal(stateDir, clock);
        journal.entered("not-told", input("inbox/p/documents_20261123.json"), "NotifyIntegrated", "Task", data());

        journal.ended(new Execution("not-told", input("inbox/p/documents_20261123.json"), Execution.Status.SUCCEEDED,
                data().put("notifyFailure", "SES down"), null, null, List.of("NotifyIntegrated", "FileIntegrated")));
        clock.advance(Duration.ofDays(30));

        assertThat(entries()).containsExactly("not-told.json");
        assertThat(journal.unfinished()).extracting(ExecutionJournal.Unfinished::why)
                .containsExactly("ended SUCCEEDED, its partner not notified");
        assertThat(journal.failedAndTold()).isEmpty();
    }

    @Test
    void pipelineFailedWithItsPartnerTold_isNotRedriven_isListedSevenDays_thenRemoved() throws IOException {
        ExecutionJournal journal = new ExecutionJournal(stateDir, clock);
        journal.entered("failed", input("inbox/p/caracteristiques_20261124.json"), "PipelineFailed", "Fail", data());
        journal.ended(new Execution("failed", input("inbox/p/caracteristiques_20261124.json"),
                Execution.Status.FAILED, null, "PipelineFailed", "boom", List.of("Integrate", "PipelineFailed")));

        assertThat(journal.unfinished()).isEmpty();
        assertThat(journal.failedAndTold()).containsExactly(new ExecutionJournal.FailedAndTold("failed",
                "inbox/p/caracteristiques_20261124.json", clock.instant()));

        clock.advance(ExecutionJournal.FAILED_KEPT.minusMinutes(1));
        assertThat(journal.failedAndTold()).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(journal.failedAndTold()).isEmpty();
        assertThat(entries()).isEmpty();
    }

    @Test
    void archiveFailed_staysUntilARedriveFinishesIt_howeverOld() throws IOException {
        ExecutionJournal journal = new ExecutionJournal(stateDir, clock);
        journal.entered("outage", input("inbox/p/transactions_20261124.json"), "ArchiveIntegratedFile", "Task",
                data());
        journal.entered("outage", input("inbox/p/transactions_20261124.json"), "ArchiveFailed", "Fail", data());
        journal.ended(new Execution("outage", input("inbox/p/transactions_20261124.json"), Execution.Status.FAILED,
                null, "ArchiveFailed", "S3 down", List.of("ArchiveIntegratedFile", "ArchiveFailed")));
        clock.advance(Duration.ofDays(30));

        assertThat(journal.failedAndTold()).isEmpty();
        assertThat(journal.unfinished()).extracting(ExecutionJournal.Unfinished::fromState)
                .containsExactly("ArchiveIntegratedFile");
        assertThat(entries()).containsExactly("outage.json");
    }

    private static JsonNode input(String key) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("runId", "run-" + key.hashCode());
        input.putObject("file").put("bucket", LocalPipeline.INGEST_BUCKET).put("key", key);
        return input;
    }

    private static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode().put("runId", "run");
    }

    private List<String> entries() throws IOException {
        Path folder = stateDir.resolve(ExecutionJournal.FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
