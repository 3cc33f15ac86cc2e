package com.qlower.loaders.local;

import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StepJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link PipelineStarter} of the local runner: runs the execution in-process, through the {@link LocalStateMachine},
 * on a thread of its own, as Step Functions runs executions side by side: a file waiting for another of the same
 * night does not hold up the others. Like Step Functions, it starts one execution per name.
 */
final class LocalPipelineStarter implements PipelineStarter, AutoCloseable {

    private final LocalStateMachine stateMachine;
    private final ExecutionJournal journal;
    private final Map<String, CompletableFuture<LocalStateMachine.Execution>> executions = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    LocalPipelineStarter(LocalStateMachine stateMachine, ExecutionJournal journal) {
        this.stateMachine = stateMachine;
        this.journal = journal;
    }

    @Override
    public StartOutcome start(String executionName, PipelineInput input) {
        boolean[] started = {false};
        executions.computeIfAbsent(executionName, name -> {
            if (journal.knows(name)) {
                // started by an earlier run on this state folder: a redrive takes it up, not a second start
                return CompletableFuture.failedFuture(new IllegalStateException("execution " + name
                        + " was started by an earlier run: ./loaders redrive finishes it"));
            }
            started[0] = true;
            return CompletableFuture.supplyAsync(() -> stateMachine.run(name, StepJson.mapper().valueToTree(input)),
                    threads);
        });
        return started[0] ? StartOutcome.STARTED : StartOutcome.ALREADY_STARTED;
    }

    /** Runs an unfinished execution again from where it stopped, on a thread of its own. */
    CompletableFuture<LocalStateMachine.Execution> redrive(ExecutionJournal.Unfinished unfinished) {
        CompletableFuture<LocalStateMachine.Execution> redriven = CompletableFuture.supplyAsync(() ->
                stateMachine.redrive(unfinished.name(), unfinished.input(), unfinished.fromState(),
                        unfinished.stateInput()), threads);
        executions.put(unfinished.name(), redriven);
        return redriven;
    }

    Optional<CompletableFuture<LocalStateMachine.Execution>> execution(String executionName) {
        return Optional.ofNullable(executions.get(executionName));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
