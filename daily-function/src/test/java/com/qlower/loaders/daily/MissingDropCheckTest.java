package com.qlower.loaders.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.report.RecordedRun;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interval the nightly drop check asks about: since the same time the day before, in Paris. */
class MissingDropCheckTest {

    private final List<Instant[]> asked = new ArrayList<>();
    private final RunHistory history = new RunHistory() {
        @Override
        public List<RecordedRun> receivedBetween(Instant from, Instant to) {
            throw new AssertionError("the check reads who sent files, not the runs");
        }

        @Override
        public Set<String> partnersHeardFromBetween(Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            return Set.of("gestimmo");
        }
    };
    private final MissingDropCheck check = new MissingDropCheck(history, InMemoryPartnerRegistry.with("gestimmo"),
            MetricsLog.discarded());

    @Test
    void previousDeadline_isTheSameParisTimeTheDayBefore_23HoursEarlierOnTheDayClocksGoForward() {
        check.check(Instant.parse("2026-03-29T05:00:00Z"));

        assertThat(asked).singleElement().satisfies(interval -> {
            assertThat(interval[0]).isEqualTo(Instant.parse("2026-03-28T06:00:00Z"));
            assertThat(interval[1]).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
        });
    }

    @Test
    void previousDeadline_is25HoursEarlierOnTheDayClocksGoBack() {
        check.check(Instant.parse("2026-10-25T06:00:00Z"));

        assertThat(asked).singleElement().satisfies(interval ->
                assertThat(interval[0]).isEqualTo(Instant.parse("2026-10-24T05:00:00Z")));
    }
}
