package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The states each running execution has entered, as the local state machine tells them: tests wait on them. */
final class StatesEntered implements LocalStateMachine.Listener {

    private final Map<String, List<String>> statesByExecution = new ConcurrentHashMap<>();

    @Override
    public void stateEntered(String executionName, String stateName) {
        statesByExecution.computeIfAbsent(executionName, e -> new CopyOnWriteArrayList<>()).add(stateName);
    }

    /** Waits, 30 s at most, until the execution has entered the state. */
    void await(String executionName, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!statesByExecution.getOrDefault(executionName, List.of()).contains(state)) {
            assertThat(Instant.now()).as(executionName + " never entered " + state).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
