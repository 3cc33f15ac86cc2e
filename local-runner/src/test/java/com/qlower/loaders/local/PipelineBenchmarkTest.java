package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.Counts;
import org.junit.jupiter.api.Test;

/**
 * {@code ./loaders bench-pipeline}'s verdict on the shares it measures (the measurements themselves are figures to
 * read, not tests; its arguments and a tiny run's counts are LoadersCommandTest's).
 */
class PipelineBenchmarkTest {

    @Test
    void verdict_comparesTheWholePipelineAndTheIntegration_toTheRawCopy() {
        // raw COPY 2 s: a first load of 5 s (40 %), integration 3 s (67 %); a nightly of 5 s (40 %)
        PipelineBenchmark.Trip first = trip(5.0, 3.0);
        PipelineBenchmark.Trip nightly = trip(5.0, 1.0);

        PipelineBenchmark.Verdict verdict = PipelineBenchmark.Verdict.of(first, nightly);

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.lines()).containsExactly("",
                "first load: whole pipeline   at  40 % of the raw COPY's rate (target >= 35 %)  met",
                "nightly:    whole pipeline   at  40 % of the raw COPY's rate (target >= 50 %)  MISSED",
                "first load: integration      at  67 % of the raw COPY's rate (target >= 60 %)  met",
                "verdict: a target MISSED (a busy machine slows both sides unevenly: run it again on an idle one "
                        + "before concluding)");
        assertThat(PipelineBenchmark.Verdict.of(first, trip(4.0, 1.0)).met()).isTrue();
    }

    private static PipelineBenchmark.Trip trip(double whole, double integration) {
        return new PipelineBenchmark.Trip("trip", 1000, 0.1, 0.5, 0.5, integration, 0.1, whole, 2.0, 0, 0,
                new Counts(1000, 1000, 0, 1000, 0, 0, 0, 0));
    }
}
