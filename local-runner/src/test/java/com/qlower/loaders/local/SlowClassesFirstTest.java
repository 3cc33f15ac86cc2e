package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlowClassesFirstTest {

    @Slow(seconds = 30)
    static final class Slowest {
    }

    @Slow(seconds = 20)
    static final class Second {
    }

    @Slow(seconds = 10)
    static final class Third {
    }

    @Slow(seconds = 5)
    static final class Fourth {
    }

    static final class QuickA {
    }

    static final class QuickB {
    }

    private static final List<Class<?>> DISCOVERED = List.of(QuickA.class, Third.class, QuickB.class, Fourth.class,
            Slowest.class, Second.class);

    @Test
    void twoThreads_theSlowOnesDealtToBothEnds_theQuickOnesInTheirOrderBetween() {
        assertThat(ordered(2)).containsExactly(Slowest.class, Third.class, QuickA.class, QuickB.class, Fourth.class,
                Second.class);
    }

    @Test
    void threeThreads_twoSlowClassesAtTheStartForOneAtTheEnd() {
        assertThat(ordered(3)).containsExactly(Slowest.class, Third.class, Fourth.class, QuickA.class, QuickB.class,
                Second.class);
    }

    @Test
    void oneThread_slowestFirstThenTheQuickOnes() {
        assertThat(ordered(1)).containsExactly(Slowest.class, Second.class, Third.class, Fourth.class, QuickA.class,
                QuickB.class);
    }

    private static List<Class<?>> ordered(int threads) {
        return orderedOf(DISCOVERED, threads);
    }

    private static List<Class<?>> orderedOf(List<Class<?>> classes, int threads) {
        Map<Class<?>, Integer> position = SlowClassesFirst.positions(classes, threads);
        return classes.stream().sorted(Comparator.comparingInt(position::get)).toList();
    }
}
