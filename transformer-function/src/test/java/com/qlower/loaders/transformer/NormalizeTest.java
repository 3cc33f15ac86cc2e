package com.qlower.loaders.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text as it is stored and matched: the plain ASCII shortcut answers as the full normalization would. */
class NormalizeTest {

    @Test
    void text_trimsAndCollapsesWhiteSpace_composesAccents_andBlankIsNull() {
        assertThat(Normalize.text("  Loyer \t novembre\n\n2026  ")).isEqualTo("Loyer novembre 2026");
        assertThat(Normalize.text("Loyer  novembre")).isEqualTo("Loyer novembre");
        assertThat(Normalize.text("Cafe\u0301")).isEqualTo("Café");
        assertThat(Normalize.text("\u2003Loyer\u2003")).isEqualTo("Loyer");
        assertThat(Normalize.text("")).isNull();
        assertThat(Normalize.text(" \t ")).isNull();
        assertThat(Normalize.text(null)).isNull();
    }

    @Test
    void text_leavesPlainAsciiAsItIs() {
        String plain = "VIR SEPA LOYER NOV-2026 ref:42/A (appt 3)";

        assertThat(Normalize.text(plain)).isSameAs(plain);
    }

    @Test
    void forMatching_isLowerCaseWordsWithoutAccentsOrPunctuation() {
        assertThat(Normalize.forMatching("Taxe FONCIÈRE, 2026!")).isEqualTo(" taxe fonciere 2026 ");
        assertThat(Normalize.compact(" fr76 3000.6000-0112 ")).isEqualTo("FR76300060000112");
    }
}
