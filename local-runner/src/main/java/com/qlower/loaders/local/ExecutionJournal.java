package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.steps.StepJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local executions as Step Functions keeps them, for {@code ./loaders redrive}: each execution's input, the last
 * state it entered and the last task, with their inputs, and its end. With a state folder they live in
 * {@code STATE_DIR/executions/{name}.json}, so a run killed half-way is found by the next command; without one, in
 * memory (the tests).
 *
 * <p>An execution that succeeded with its partner notified has nothing left for anyone: its entry is removed as it
 * ends. One that ended {@code PipelineFailed} with its partner told is kept {@link #FAILED_KEPT} (a redrive lists
 * it, as left), then removed; one with something left to do stays until a redrive finishes it.
 */
public final class ExecutionJournal implements LocalStateMachine.Journal {

    static final String FOLDER = "executions";

    /** The end states after which an operator has nothing to finish, whatever the file's outcome. */
    private static final String PIPELINE_FAILED = "PipelineFailed";

    /** How long an execution that ended PipelineFailed, its partner told, stays listed (docs/operating.md). */
    static final Duration FAILED_KEPT = Duration.ofDays(7);

    /**
     * An execution that did not finish its job, and where a redrive takes it up again.
     *
     * @param why what is unfinished, for the operator: "did not end" or the error it ended with
     */
    public record Unfinished(String name, JsonNode input, String fromState, JsonNode stateInput, String why) {
        public String runId() {
            return input.path("runId").asText();
        }

        public String key() {
            return input.path("file").path("key").asText();
        }
    }

    /**
     * An execution that ended {@code PipelineFailed} with its partner told: nothing to redrive, the file is in
     * {@code failure/}; it goes through once the cause is fixed and the partner sends it again.
     */
    public record FailedAndTold(String name, String key, Instant endedAt) {
    }

    private final Path folder;
    private final Clock clock;
    private final Map<String, ObjectNode> inMemory = new TreeMap<>();

    /** @param stateDir the state folder, or null to keep the executions in memory */
    ExecutionJournal(Path stateDir) {
        this(stateDir, Clock.systemUTC());
    }

    ExecutionJournal(Path stateDir, Clock clock) {
        this.folder = stateDir == null ? null : stateDir.resolve(FOLDER);
        this.clock = clock;
    }

    /** Whether an execution of that name was ever started: Step Functions starts one execution per name. */
    synchronized boolean knows(String executionName) {
        return read(executionName).isPresent();
    }

    @Override
    public synchronized void entered(String executionName, JsonNode executionInput, String stateName,
                                     String stateType, JsonNode stateInput) {
        ObjectNode entry = read(executionName).orElseGet(() -> JsonNodeFactory.instance.objectNode()
                .put("name", executionName));
        entry.set("input", executionInput);
        entry.put("status", "RUNNING");
        entry.remove(List.of("error", "output"));
        entry.put("lastState", stateName);
        entry.set("lastStateInput", stateInput);
        if (stateType.equals("Task")) {
            entry.put("lastTask", stateName);
            entry.set("lastTaskInput", stateInput);
        }
        write(executionName, entry);
    }

    @Override
    public synchronized void ended(LocalStateMachine.Execution execution) {
        ObjectNode entry = read(execution.name()).orElseGet(() -> JsonNodeFactory.instance.objectNode()
                .put("name", execution.name()));
        entry.put("status", execution.status().name());
        if (execution.error() != null) {
            entry.put("error", execution.error());
        }
        if (execution.output() != null) {
            entry.set("output", execution.output());
        }
        entry.put("endedAt", clock.instant().toString());
        if (finishedItsJob(entry) && execution.status() == LocalStateMachine.Execution.Status.SUCCEEDED) {
            remove(execution.name());
        } else {
            write(execution.name(), entry);
        }
    }

    /**
     * The executions that ended PipelineFailed with their partner told, within {@link #FAILED_KEPT}; those ended
     * earlier are removed.
     */
    synchronized List<FailedAndTold> failedAndTold() {
        Instant keptSince = clock.instant().minus(FAILED_KEPT);
        List<FailedAndTold> kept = new ArrayList<>();
        for (ObjectNode entry : all()) {
            if (!entry.path("status").asText().equals("FAILED") || !finishedItsJob(entry)) {
                continue;
            }
            // an entry written before endedAt was kept has no end time: it counts as ended now
            Instant endedAt = entry.has("endedAt") ? Instant.parse(entry.get("endedAt").asText()) : clock.instant();
            String name = entry.path("name").asText();
            if (endedAt.isBefore(keptSince)) {
                remove(name);
            } else {
                kept.add(new FailedAndTold(name, entry.path("input").path("file").path("key").asText(), endedAt));
            }
        }
        return kept;
    }

    /** Ended, and nothing left to do: a success or a PipelineFailed, and the partner notified. */
    private static boolean finishedItsJob(ObjectNode entry) {
        String status = entry.path("status").asText();
        JsonNode lastData = status.equals("SUCCEEDED") ? entry.path("output") : entry.path("lastStateInput");
        if (lastData.has("notifyFailure")) {
            return false;
        }
        return status.equals("SUCCEEDED")
                || status.equals("FAILED") && entry.path("error").asText().equals(PIPELINE_FAILED);
    }

    /**
     * The executions with something left to do: those that did not end (the runner was killed), those that failed
     * before their file was answered (ArchiveFailed, IntegratedNotReported, an error no state caught) and those whose
     * notification did not go. A PipelineFailed execution whose file is archived and its partner told is finished:
     * the file failed, and it is processed again only when sent again.
     */
    synchronized List<Unfinished> unfinished() {
        List<Unfinished> found = new ArrayList<>();
        for (ObjectNode entry : all()) {
            String status = entry.path("status").asText();
            JsonNode input = entry.path("input");
            String name = entry.path("name").asText();
            JsonNode lastData = entry.path("status").asText().equals("SUCCEEDED") ? entry.path("output")
                    : entry.path("lastStateInput");
            boolean notificationMissing = lastData.has("notifyFailure");
            String fromTask = entry.path("lastTask").asText(entry.path("lastState").asText());
            JsonNode taskInput = entry.has("lastTaskInput") ? entry.get("lastTaskInput") : entry.get("lastStateInput");
            switch (status) {
                case "RUNNING" -> found.add(new Unfinished(name, input, entry.path("lastState").asText(),
                        entry.path("lastStateInput"), "did not end (the runner stopped in " + entry.path("lastState")
                        .asText() + ")"));
                case "FAILED" -> {
                    String error = entry.path("error").asText();
                    if (!error.equals(PIPELINE_FAILED) || notificationMissing) {
                        found.add(new Unfinished(name, input, fromTask, taskInput, "ended " + error
                                + (notificationMissing ? ", its partner not notified" : "")));
                    }
                }
                default -> {
                    if (notificationMissing) {
                        found.add(new Unfinished(name, input, fromTask, taskInput,
                                "ended " + status + ", its partner not notified"));
                    }
                }
            }
        }
        return found;
    }

    private List<ObjectNode> all() {
        if (folder == null) {
            return inMemory.values().stream().map(ObjectNode::deepCopy).toList();
        }
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(ExecutionJournal::readFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<ObjectNode> read(String executionName) {
        if (folder == null) {
            return Optional.ofNullable(inMemory.get(executionName)).map(ObjectNode::deepCopy);
        }
        Path file = folder.resolve(executionName + ".json");
        return Files.isRegularFile(file) ? Optional.of(readFile(file)) : Optional.empty();
    }

    private void remove(String executionName) {
        if (folder == null) {
            inMemory.remove(executionName);
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve(executionName + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove execution " + executionName + " from " + folder, e);
        }
    }

    private void write(String executionName, ObjectNode entry) {
        if (folder == null) {
            inMemory.put(executionName, entry);
            return;
        }
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(executionName + ".json.tmp");
            StepJson.mapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), entry);
            // a run killed while writing leaves the previous entry whole
            Files.move(temporary, folder.resolve(executionName + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep execution " + executionName + " in " + folder, e);
        }
    }

    private static ObjectNode readFile(Path file) {
        try {
            return (ObjectNode) StepJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the execution " + file, e);
        }
    }
}
