package com.qlower.loaders.ports;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.ports.IntegrationStore.DuplicateRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The integrator's refusal of repeated ids survives the trip through its message, which is all the archiver gets. */
class DuplicateRecordsTest {

    @Test
    void theMessage_givesBackTheTableAndTheIds() {
        DuplicateRecords thrown = new DuplicateRecords("properties", List.of("P-1", "lot:2.b_3"));

        DuplicateRecords read = DuplicateRecords.fromMessage(thrown.getMessage()).orElseThrow();

        assertThat(read.entity()).isEqualTo("properties");
        assertThat(read.externalIds()).containsExactly("P-1", "lot:2.b_3");
    }

    @Test
    void anyOtherText_isNoSuchRefusal() {
        assertThat(DuplicateRecords.fromMessage("integrating run 84 failed (SQLSTATE 08006)")).isEmpty();
        assertThat(DuplicateRecords.fromMessage(null)).isEmpty();
        assertThat(DuplicateRecords.fromMessage("transactions records appear more than once in the file: T1"))
                .as("no list").isEmpty();
    }
}
