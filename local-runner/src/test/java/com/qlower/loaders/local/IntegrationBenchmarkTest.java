package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ./loaders bench-integration}'s verdict on its measurements (the measurements themselves are not tests). */
class IntegrationBenchmarkTest {

    private static final IntegrationBenchmark.Step PLAIN = new IntegrationBenchmark.Step("plain", 1000, 1.0, 100);

    /** A first load at half the raw COPY's rate, a nightly at its rate, writing {@code nightlyWal} bytes of WAL. */
    private static IntegrationBenchmark.Verdict verdictWithNightlyWal(long nightlyWal) {
        return IntegrationBenchmark.Verdict.of(PLAIN, new IntegrationBenchmark.Step("first", 1000, 2.0, 140), PLAIN,
                new IntegrationBenchmark.Step("nightly", 1000, 1.0, nightlyWal));
    }

    @Test
    void verdict_isMet_whenEveryRatioIsWithinItsTarget() {
        IntegrationBenchmark.Verdict verdict = verdictWithNightlyWal(85);

        assertThat(verdict.met()).isTrue();
        assertThat(verdict.lines()).containsExactly(
                "first load: merge at 50 % of raw COPY's rate (target >= 45 %)  met",
                "nightly:    merge at 100 % of raw COPY's rate (target >= 60 %)  met",
                "nightly:    WAL 0.85 x raw COPY's (target <= 1.1)  met",
                "verdict: every target met");
    }

    @Test
    void verdict_namesTheTargetMissed() {
        IntegrationBenchmark.Verdict verdict = verdictWithNightlyWal(120);

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.lines()).contains("nightly:    WAL 1.20 x raw COPY's (target <= 1.1)  MISSED")
                .last().asString().startsWith("verdict: a target MISSED");
    }
}
