package com.qlower.loaders.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.ProfileVersion;
import com.qlower.loaders.domain.RejectTolerance;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What the validator learnt of a file, as the state machine carries it from step to step. */
class RunFactsTest {

    @Test
    void ofAParsedKey_carriesItsTypedParts_soNoLaterStepParsesTheKeyAgain() {
        PartnerFileName name = PartnerFileName.parse("inbox/gestimmo/caracteristiques_20261124_03.json");

        RunFacts facts = RunFacts.of(name, name.partnerId(), Mode.SNAPSHOT, "d".repeat(64), RejectTolerance.DEFAULT,
                DeletionGuard.DEFAULT, new ProfileVersion("gestimmo-export", 2));

        assertThat(facts.partnerId()).isEqualTo("gestimmo");
        assertThat(facts.loader()).isEqualTo(Loader.CARACTERISTIQUES);
        assertThat(facts.snapshotDay()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(facts.correction()).isEqualTo(3);
    }

    @Test
    void ofAKeyThatCouldNotBeParsed_namesOnlyThePartnerFolder() {
        RunFacts facts = RunFacts.of(null, "gestimmo", null, null, RejectTolerance.DEFAULT, DeletionGuard.DEFAULT,
                null);

        assertThat(facts.loader()).isNull();
        assertThat(facts.snapshotDate()).isNull();
        assertThat(facts.snapshotDay()).isNull();
        assertThat(facts.correction()).isZero();
    }

    @Test
    void asStepJson_enumsTravelByName_asTheLambdaRuntimeReadsThem_andComeBackEqual() throws Exception {
        RunFacts facts = new RunFacts("gestimmo", Loader.TRANSACTIONS, Mode.DELTA, "2026-11-23", 0, "e".repeat(64),
                new RejectTolerance(5.0, 2), DeletionGuard.DEFAULT, new ProfileVersion("gestimmo-export", 2));

        JsonNode json = StepJson.mapper().valueToTree(facts);

        assertThat(json.path("loader").asText()).isEqualTo("TRANSACTIONS");
        assertThat(json.path("mode").asText()).isEqualTo("DELTA");
        assertThat(json.path("snapshotDate").asText()).isEqualTo("2026-11-23");
        assertThat(json.has("snapshotDay")).as("a reading of the date, not a field").isFalse();
        assertThat(StepJson.mapper().treeToValue(json, RunFacts.class)).isEqualTo(facts);
    }
}
