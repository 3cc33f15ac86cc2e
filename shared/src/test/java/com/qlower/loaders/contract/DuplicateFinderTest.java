package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateFinderTest {

    @Test
    void repeatsAreFound_inFileOrder_eachNamingTheFirstRecord() {
        try (DuplicateFinder finder = new DuplicateFinder()) {
            finder.add("transaction", "A", 0);
            finder.add("transaction", "B", 1);
            finder.add("transaction", "A", 2);
            finder.add("owner", "B", 3);
            finder.add("transaction", "B", 4);
            finder.add("transaction", "A", 5);

            assertThat(finder.duplicates()).containsExactly(Map.entry(2L, 0L), Map.entry(4L, 1L),
                    Map.entry(5L, 0L));
        }
    }

    @Test
    void aMillionDistinctIds_haveNoDuplicate_andOneRepeatAmongThemIsFound() {
        try (DuplicateFinder finder = new DuplicateFinder()) {
            for (int i = 0; i < 1_000_000; i++) {
                finder.add("transaction", "TRX-" + i, i);
            }
            finder.add("transaction", "TRX-777777", 1_000_000);

            assertThat(finder.duplicates()).containsExactly(Map.entry(1_000_000L, 777_777L));
        }
    }
}
