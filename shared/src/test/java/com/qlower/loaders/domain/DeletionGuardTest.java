package com.qlower.loaders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How much of a partner's active records a snapshot may retire: a share, or a floor, never everything. */
class DeletionGuardTest {

    @Test
    void smallPartner_sellingOneOfFiveProperties_isAllowed_byTheFloor() {
        assertThat(DeletionGuard.DEFAULT.refuses(1, 5)).isFalse();
    }

    @Test
    void largePartner_losingAThirdOfItsRecords_isRefused_byTheShare() {
        assertThat(DeletionGuard.DEFAULT.refuses(100, 300)).isTrue();
    }

    @Test
    void aSnapshotRetiringEveryActiveRecord_isRefused_evenUnderTheFloor() {
        assertThat(DeletionGuard.DEFAULT.refuses(3, 3)).isTrue();
        assertThat(DeletionGuard.DEFAULT.refuses(1, 1)).isTrue();
    }

    @ParameterizedTest(name = "retire {0} of {1} under 10 % or 5 records: refused {2}")
    @CsvSource({
            "0, 0, false",
            "0, 1000, false",
            "5, 6, false",     // 83 %, but within the floor
            "6, 7, true",      // beyond the floor and the share
            "5, 50, false",    // 10 %: the share, not above it
            "6, 50, true",     // 12 %, beyond the floor
            "100, 1000, false", // 10 %
            "101, 1000, true",
            "5, 5, true",      // everything
    })
    void defaultGuard_allowsTheShareOrTheFloor_whicheverIsMore(long wouldRetire, long active, boolean refused) {
        assertThat(DeletionGuard.DEFAULT.refuses(wouldRetire, active)).isEqualTo(refused);
    }

    @Test
    void aGuardOfAHundredPercent_allowsEvenEverything() {
        assertThat(new DeletionGuard(100, 0).refuses(40, 40)).isFalse();
    }

    @Test
    void withoutAFloor_theShareAloneDecides_asBeforeFloorsExisted() {
        DeletionGuard shareOnly = new DeletionGuard(10, 0);

        assertThat(shareOnly.refuses(1, 5)).isTrue();
        assertThat(shareOnly.refuses(1, 10)).isFalse();
    }

    @Test
    void aShareOutsideZeroToAHundred_orANegativeFloor_isNotAGuard() {
        assertThatThrownBy(() -> new DeletionGuard(101, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeletionGuard(Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeletionGuard(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
