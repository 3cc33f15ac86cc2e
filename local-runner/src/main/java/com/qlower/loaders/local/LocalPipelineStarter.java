package com.qlower.loaders.local;

import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StepJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PipelineStarter} of the local runner: runs the execution at once, in-process, through the
 * {@link LocalStateMachine}. Like Step Functions, it starts one execution per name.
 */
final class LocalPipelineStarter implements PipelineStarter {

    private final LocalStateMachine stateMachine;
    private final Map<String, LocalStateMachine.Execution> executions = new ConcurrentHashMap<>();

    LocalPipelineStarter(LocalStateMachine stateMachine) {
        this.stateMachine = stateMachine;
    }

    @Override
    public StartOutcome start(String executionName, PipelineInput input) {
        boolean[] started = {false};
        executions.computeIfAbsent(executionName, name -> {
            started[0] = true;
            return stateMachine.run(name, StepJson.mapper().valueToTree(input));
        });
        return started[0] ? StartOutcome.STARTED : StartOutcome.ALREADY_STARTED;
    }

    Optional<LocalStateMachine.Execution> execution(String executionName) {
        return Optional.ofNullable(executions.get(executionName));
    }
}
