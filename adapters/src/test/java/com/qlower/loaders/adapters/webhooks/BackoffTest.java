package com.qlower.loaders.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Full jitter: anywhere between 0 and the exponential ceiling, capped at 60 s; a Retry-After wins up to the cap. */
class BackoffTest {

    private static final Duration CAP = Duration.ofSeconds(60);
    private static final Duration NEAR_CAP = Duration.ofSeconds(59);

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void after_spreadsOverTheWholeRange_upToTheDoublingCeiling() {
        List<Duration> waits = IntStream.range(0, 1000)
                .mapToObj(i -> Backoff.STANDARD.after(3, null, random))
                .toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(4)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(Duration.ofMillis(500)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(3500)));
    }

    @Test
    void after_neverWaitsBeyondTheCap_evenAfterManyAttempts() {
        RandomGenerator topOfTheRange = () -> -1L;

        assertThat(Backoff.STANDARD.after(7, null, topOfTheRange)).isBetween(NEAR_CAP, CAP);
        assertThat(Backoff.STANDARD.after(100, null, topOfTheRange)).isBetween(NEAR_CAP, CAP);
    }

    @Test
    void after_waitsWhatRetryAfterAsks_upToTheCap() {
        assertThat(Backoff.STANDARD.after(1, Duration.ofSeconds(7), random)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.STANDARD.after(1, Duration.ofHours(1), random)).isEqualTo(CAP);
    }
}
