package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalIdIndexTest {

    @Test
    void firstOccurrence_isNew_andTheSecondNamesTheFirst() {
        ExternalIdIndex index = new ExternalIdIndex();

        assertThat(index.firstIndexOrAdd("transaction", "TRX-1", 0)).isEqualTo(-1);
        assertThat(index.firstIndexOrAdd("transaction", "TRX-2", 1)).isEqualTo(-1);
        assertThat(index.firstIndexOrAdd("transaction", "TRX-1", 7)).isZero();
    }

    @Test
    void sameIdInAnotherRecordType_isNotADuplicate() {
        ExternalIdIndex index = new ExternalIdIndex();

        index.firstIndexOrAdd("owner", "X-1", 0);

        assertThat(index.firstIndexOrAdd("property", "X-1", 1)).isEqualTo(-1);
    }

    @Test
    void aMillionDistinctIds_haveNoFalseDuplicate_andEachIsFoundAgain() {
        ExternalIdIndex index = new ExternalIdIndex();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(index.firstIndexOrAdd("transaction", "TRX-" + i, i)).isEqualTo(-1);
        }
        for (int i = 0; i < 1_000_000; i += 9_973) {
            assertThat(index.firstIndexOrAdd("transaction", "TRX-" + i, 2_000_000)).isEqualTo(i);
        }
    }
}
