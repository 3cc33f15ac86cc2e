package com.qlower.loaders.adapters.webhooks;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt: exponential backoff with full jitter (a random time between 0 and
 * {@code min(cap, base * 2^(n-1))} after the n-th failed attempt), so that many events failing together do not
 * come back together; a {@code Retry-After} the endpoint sent wins, up to the cap.
 */
record Backoff(Duration base, Duration cap) {

    static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /**
     * @param failedAttempt the attempt that just failed, from 1
     * @param retryAfter what the endpoint asked for, or null
     */
    Duration after(int failedAttempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            return min(retryAfter, cap);
        }
        // shifting past 2^30 would overflow; the cap is reached long before
        Duration ceiling = min(base.multipliedBy(1L << Math.min(failedAttempt - 1, 30)), cap);
        return Duration.ofMillis((long) (random.nextDouble() * ceiling.toMillis()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
