package com.qlower.loaders.local;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * The local runner's database connection budget: at most {@code connections} function invocations that use the
 * database run at once, the others wait their turn, as the functions' reserved concurrency bounds them on AWS (a
 * throttled invocation is retried there). Each invocation uses one connection at a time, from the
 * {@link com.qlower.loaders.adapters.postgres.Database} of as many connections; so the pipeline never has more open.
 */
final class ConnectionBudget {

    private final int connections;
    private final Semaphore invocations;

    ConnectionBudget(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("the connection budget is at least 1, not " + connections);
        }
        this.connections = connections;
        this.invocations = new Semaphore(connections, true);
    }

    int connections() {
        return connections;
    }

    /** The function, invoked within the budget. */
    LocalFunction bound(LocalFunction function) {
        return payload -> call(() -> function.invoke(payload));
    }

    /** Runs one invocation within the budget: waits for a turn first. */
    <T> T call(Callable<T> invocation) throws Exception {
        invocations.acquire();
        try {
            return invocation.call();
        } finally {
            invocations.release();
        }
    }
}
