package com.qlower.loaders.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine's clock, which a test can move ahead: a deadline counted in real time (the upstream wait's, from the
 * file's arrival) is reached at once instead of being waited for, while everything else keeps the real pace.
 */
final class AdvanceableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock ahead by {@code duration}, for every reader from now on. */
    void advance(Duration duration) {
        ahead.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the pipeline reads instants, in UTC");
    }
}
