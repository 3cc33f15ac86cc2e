package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartnerFileNameTest {

    @Test
    void parse_readsPartnerLoaderDateAndCorrection() {
        PartnerFileName name = PartnerFileName.parse("inbox/gestimmo/transactions_20261123_02.json");

        assertThat(name.partnerId()).isEqualTo("gestimmo");
        assertThat(name.loader()).isEqualTo(Loader.TRANSACTIONS);
        assertThat(name.snapshotDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(name.correction()).isEqualTo(2);
        assertThat(name.fileName()).isEqualTo("transactions_20261123_02.json");
    }

    @Test
    void parse_givesCorrectionZero_whenNoSuffix() {
        assertThat(PartnerFileName.parse("inbox/agence-du-port/caracteristiques_20260101.json").correction())
                .isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "outbox/gestimmo/transactions_20261123.json, KEY_INVALID",
            "inbox/transactions_20261123.json, KEY_INVALID",
            "inbox/gestimmo/sub/transactions_20261123.json, KEY_INVALID",
            "inbox/GestImmo/transactions_20261123.json, KEY_INVALID",
            "inbox/ab/transactions_20261123.json, KEY_INVALID",
            "inbox/gestimmo/releve novembre.json, KEY_INVALID",
            "inbox/gestimmo/transactions_2026-11-23.json, KEY_INVALID",
            "inbox/gestimmo/transactions_20261123_2.json, KEY_INVALID",
            "inbox/gestimmo/transactions_20261123.csv, KEY_INVALID",
            "inbox/../gestimmo/transactions_20261123.json, KEY_INVALID",
            "inbox/gestimmo/factures_20261123.json, KEY_UNKNOWN_LOADER",
            "inbox/gestimmo/transactions_20260230.json, KEY_INVALID_DATE",
            "inbox/gestimmo/transactions_20261313.json, KEY_INVALID_DATE",
    })
    void parse_rejects_keysBreakingTheConvention(String key, ErrorCode expected) {
        assertThatThrownBy(() -> PartnerFileName.parse(key))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.errors()).singleElement().satisfies(e -> {
                        assertThat(e.code()).isEqualTo(expected);
                        assertThat(e.message().fr()).isNotBlank();
                        assertThat(e.message().en()).isNotBlank();
                    });
                });
    }

    @Test
    void parse_rejects_controlCharactersAndOverlongKeys() {
        assertThatThrownBy(() -> PartnerFileName.parse("inbox/gestimmo/transactions_20261123.json\n"))
                .isInstanceOfSatisfying(ContractViolation.class,
                        v -> assertThat(v.errors().get(0).code()).isEqualTo(ErrorCode.KEY_INVALID));
        assertThatThrownBy(() -> PartnerFileName.parse("inbox/gestimmo/" + "é".repeat(600) + ".json"))
                .isInstanceOfSatisfying(ContractViolation.class,
                        v -> assertThat(v.errors().get(0).code()).isEqualTo(ErrorCode.KEY_TOO_LONG));
    }

    @Test
    void partnerFolderOf_keepsThePartnerOfABadlyNamedFile() {
        assertThat(PartnerFileName.partnerFolderOf("inbox/gestimmo/releve novembre.json")).contains("gestimmo");
        assertThat(PartnerFileName.partnerFolderOf("inbox/Bad Partner/x.json")).isEmpty();
        assertThat(PartnerFileName.partnerFolderOf("inbox/x.json")).isEmpty();
    }
}
