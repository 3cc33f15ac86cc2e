package com.qlower.loaders.transformer;

import java.time.Duration;
import java.util.Map;

/**
 * How long a file waits for a file of the same night that it refers to: transactions for the caracteristiques that
 * bring their properties, documents for both. A night's files arrive in any order; waiting (rather than rejecting
 * the records whose property is not there yet) makes the outcome independent of that order. A file waits only when
 * some of its references are unknown, the file they may be in has not been processed for that date, and the file
 * could still pass: if the records rejected for other reasons already put it beyond its reject tolerance, it is
 * rejected at once.
 *
 * @param interval how long the state machine waits before transforming the file again
 * @param maxWait counted from the file's arrival; after it the unknown references are rejected, with a warning
 *     naming the file that never came
 */
public record UpstreamWait(Duration interval, Duration maxWait) {

    public static final UpstreamWait DEFAULT = new UpstreamWait(Duration.ofMinutes(5), Duration.ofHours(3));

    public UpstreamWait {
        if (interval.isNegative() || interval.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException("the wait interval must be positive and the maximum wait not negative");
        }
    }

    /** {@code UPSTREAM_WAIT_INTERVAL_SECONDS} and {@code UPSTREAM_MAX_WAIT_MINUTES}, else the defaults. */
    public static UpstreamWait fromEnvironment(Map<String, String> environment) {
        return new UpstreamWait(
                Duration.ofSeconds(number(environment, "UPSTREAM_WAIT_INTERVAL_SECONDS", DEFAULT.interval.toSeconds())),
                Duration.ofMinutes(number(environment, "UPSTREAM_MAX_WAIT_MINUTES", DEFAULT.maxWait.toMinutes())));
    }

    /** A wait as people read it, in both languages: {@code 42 s}, {@code 12 min}, {@code 3 h}, {@code 2 h 5 min}. */
    static String describe(Duration waited) {
        if (waited.toMinutes() < 1) {
            return Math.max(0, waited.toSeconds()) + " s";
        }
        if (waited.toHours() < 1) {
            return waited.toMinutes() + " min";
        }
        return waited.toHours() + " h" + (waited.toMinutesPart() == 0 ? "" : " " + waited.toMinutesPart() + " min");
    }

    private static long number(Map<String, String> environment, String name, long fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
