package com.qlower.loaders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.domain.SnapshotRules.AbsentRecords;
import com.qlower.loaders.domain.SnapshotRules.Version;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A snapshot's rules against the partner's earlier ones, without a database. */
class SnapshotRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} _{1} after the last applied {2} _{3}: stale {4}")
    @CsvSource({
            "2026-11-22, 0, 2026-11-23, 0, true",   // an older day
            "2026-11-22, 9, 2026-11-23, 0, true",   // an older day, whatever its correction
            "2026-11-23, 0, 2026-11-23, 1, true",   // the same day, before its correction
            "2026-11-23, 1, 2026-11-23, 1, false",  // the same snapshot again
            "2026-11-23, 2, 2026-11-23, 1, false",  // a later correction
            "2026-11-24, 0, 2026-11-23, 3, false",  // a later day
    })
    void snapshot_olderThanTheLastApplied_isStale(LocalDate date, int correction, LocalDate lastDate,
                                                  int lastCorrection, boolean stale) {
        assertThat(SnapshotRules.isStale(new Version(date, correction), new Version(lastDate, lastCorrection)))
                .isEqualTo(stale);
    }

    @Test
    void snapshot_withRejectedRecords_retiresNothing() {
        assertThat(SnapshotRules.retiresAbsentRecords(0)).isTrue();
        assertThat(SnapshotRules.retiresAbsentRecords(1)).isFalse();
    }

    @Test
    void deletionGuard_refusesTheFirstKindBeyondIt_whicheverComesFirst() {
        var owners = new AbsentRecords("owners", 1, 100);
        var properties = new AbsentRecords("properties", 60, 100);

        assertThat(SnapshotRules.firstRefused(DeletionGuard.DEFAULT, false, List.of(owners, properties)))
                .contains(properties);
    }

    @Test
    void deletionGuard_measuresAgainstTheRecordsActiveBefore_notThoseTheSnapshotAdds() {
        // a snapshot re-keying its 10 records: 10 absent of the 10 active before, whatever it inserts
        var rekeyed = new AbsentRecords("properties", 10, 10);

        assertThat(SnapshotRules.firstRefused(DeletionGuard.DEFAULT, false, List.of(rekeyed))).contains(rekeyed);
    }

    @Test
    void deletionGuard_isLifted_byAnOperatorAuthorization() {
        var everything = new AbsentRecords("owners", 100, 100);

        assertThat(SnapshotRules.firstRefused(DeletionGuard.DEFAULT, true, List.of(everything))).isEmpty();
    }

    @Test
    void deletionGuard_withinItsShare_refusesNothing() {
        assertThat(SnapshotRules.firstRefused(DeletionGuard.DEFAULT, false,
                List.of(new AbsentRecords("owners", 5, 100), new AbsentRecords("properties", 0, 0)))).isEmpty();
    }

    @Test
    void theSameSnapshotDay_isNotStale_withoutACorrection() {
        assertThat(SnapshotRules.isStale(new Version(DAY, 0), new Version(DAY, 0))).isFalse();
    }
}
