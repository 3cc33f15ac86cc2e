package com.qlower.loaders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When refused records refuse the whole file: above a share and above a floor, or every record refused. */
class RejectToleranceTest {

    @Test
    void oneRefusedRecordAmongEight_doesNotRefuseTheFile() {
        assertThat(RejectTolerance.DEFAULT.isExceededBy(8, 1)).isFalse();
    }

    @Test
    void threeRefusedRecordsAmongEight_refuseTheFile() {
        assertThat(RejectTolerance.DEFAULT.isExceededBy(8, 3)).isTrue();
    }

    @Test
    void aFileWhoseEveryRecordIsRefused_isRefused_evenWithinTheFloor() {
        assertThat(RejectTolerance.DEFAULT.isExceededBy(1, 1)).isTrue();
        assertThat(RejectTolerance.DEFAULT.isExceededBy(2, 2)).isTrue();
    }

    @ParameterizedTest(name = "{1} refused of {0} under 5 % or 2 records: file refused {2}")
    @CsvSource({
            "0, 0, false",
            "1000, 0, false",
            "3, 2, false",       // 67 %, within the floor
            "40, 2, false",
            "40, 3, true",       // 7.5 %, beyond the floor
            "100, 5, false",     // 5 %: the share, not above it
            "100, 6, true",
            "2000, 100, false",
    })
    void defaultTolerance_allowsTheShareOrTheFloor_whicheverIsMore(long received, long rejected, boolean refused) {
        assertThat(RejectTolerance.DEFAULT.isExceededBy(received, rejected)).isEqualTo(refused);
    }

    @Test
    void aReportStagedBeforeFloors_keepsTheShareAlone() {
        assertThat(RejectTolerance.percentOnly(5).isExceededBy(8, 1)).isTrue();
    }
}
