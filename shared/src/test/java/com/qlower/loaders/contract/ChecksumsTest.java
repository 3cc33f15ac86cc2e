package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Check digits: IBAN (ISO 13616, mod 97) and SIREN (Luhn). */
class ChecksumsTest {

    private static final String IBAN = "FR7630004012340001234567862";

    @Test
    void isValidIban_acceptsAValidFrenchIban() {
        assertThat(Checksums.isValidIban(IBAN)).isTrue();
    }

    @Test
    void isValidIban_acceptsTheGroupedPaperFormat() {
        assertThat(Checksums.isValidIban("FR76 3000 4012 3400 0123 4567 862")).isTrue();
    }

    @Test
    void isValidIban_refusesEveryOneDigitChange() {
        for (int position = 2; position < IBAN.length(); position++) {
            char original = IBAN.charAt(position);
            if (!Character.isDigit(original)) {
                continue;
            }
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == original) {
                    continue;
                }
                String changed = IBAN.substring(0, position) + digit + IBAN.substring(position + 1);
                assertThat(Checksums.isValidIban(changed)).as(changed).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "FR7630004012340001234567863",   // last digit
            "FR7630004012340001234567826",   // two digits swapped
            "DE7630004012340001234567862",   // another country, same digits
            "FR76300040123400012345678",     // cut short
            "FR76",                          // far too short
            "",
            "FR76300040123400012345678620000000000",  // longer than 34
            "fr7630004012340001234567862",   // lower case
            "FR76-3000-4012-3400-0123-4567-862",
    })
    void isValidIban_refusesWhatIsNotAValidIban(String iban) {
        assertThat(Checksums.isValidIban(iban)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"732829320", "914528732", "000000000", "542051180"})
    void isValidSiren_acceptsValidSirens(String siren) {
        assertThat(Checksums.isValidSiren(siren)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"732829321", "914528733", "73282932", "7328293200", "73282932A", "", "732 829 320",
            "７32829320"})
    void isValidSiren_refusesWhatIsNotAValidSiren(String siren) {
        assertThat(Checksums.isValidSiren(siren)).isFalse();
    }

    @Test
    void isValidSiren_refusesEveryOneDigitChange() {
        for (String valid : new String[] {"732829320", "914528732"}) {
            for (int position = 0; position < valid.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit == valid.charAt(position)) {
                        continue;
                    }
                    String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
                    assertThat(Checksums.isValidSiren(changed)).as(changed).isFalse();
                }
            }
        }
    }
}
