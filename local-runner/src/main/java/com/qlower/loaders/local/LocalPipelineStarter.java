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
    private final Map<String, CompletableFuture<LocalStateMachine.Execution>> executions = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    LocalPipelineStarter(LocalStateMachine stateMachine) {
        this.stateMachine = stateMachine;
    }

    @Override
    public StartOutcome start(String executionName, PipelineInput input) {
        boolean[] started = {false};
        executions.computeIfAbsent(executionName, name -> {
            started[0] = true;
            return CompletableFuture.supplyAsync(() -> stateMachine.run(name, StepJson.mapper().valueToTree(input)),
                    threads);
        });
        return started[0] ? StartOutcome.STARTED : StartOutcome.ALREADY_STARTED;
    }

    Optional<CompletableFuture<LocalStateMachine.Execution>> execution(String executionName) {
        return Optional.ofNullable(executions.get(executionName));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
