package com.qlower.loaders.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.wording.EmailWording;
import org.junit.jupiter.api.Test;

/** How an entry of a catalogue is filled: by name, language by language, each with its own plurals and numbers. */
class WordingTest {

    @Test
    void aValue_isWrittenAsItIs_evenWhenItLooksLikeAPlaceholder() {
        assertThat(PartnerMessage.KEY_INVALID_DATE.with("date", "${date} $1 \\").en())
                .isEqualTo("'${date} $1 \\' is not a calendar date");
    }

    @Test
    void aMessageValue_isWrittenInEachLanguage_inThatLanguage() {
        assertThat(PartnerMessage.IN_YOUR_FIELD.with("message", new Message("montant nul", "the amount is zero"),
                "field", "montant"))
                .isEqualTo(new Message("montant nul (votre champ « montant »)", "the amount is zero (your field "
                        + "'montant')"));
    }

    @Test
    void aCount_isWrittenAsEachLanguageWritesANumber() {
        assertThat(EmailWording.ERRORS_HEADING.with("total", new Wording.Count(1_234_567)))
                .isEqualTo(new Message("Erreurs (1\u202f234\u202f567)", "Errors (1,234,567)"));
    }

    @Test
    void aCountsWord_followsEachLanguagesPlural_frenchSingularForZeroAndOne_englishForOneAlone() {
        assertThat(EmailWording.SUBJECT_PARTLY_INTEGRATED.with("rejected", 0, "received", 0)).isEqualTo(new Message(
                "intégré en partie (0 enregistrement rejeté sur 0)", "partly integrated (0 of 0 records rejected)"));
        assertThat(EmailWording.SUBJECT_PARTLY_INTEGRATED.with("rejected", 1, "received", 1)).isEqualTo(new Message(
                "intégré en partie (1 enregistrement rejeté sur 1)", "partly integrated (1 of 1 record rejected)"));
        assertThat(EmailWording.SUBJECT_PARTLY_INTEGRATED.with("rejected", new Wording.Count(2),
                "received", new Wording.Count(1_000))).isEqualTo(new Message(
                "intégré en partie (2 enregistrements rejetés sur 1\u202f000)",
                "partly integrated (2 of 1,000 records rejected)"));
    }

    @Test
    void aCountsWord_ofAValueThatIsNoNumber_isRefused() {
        assertThatThrownBy(() -> EmailWording.WARNINGS.with("total", "two"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARNINGS counts total");
    }

    @Test
    void placeholders_countsWordsIncluded_areNamedOnce_andBracesWithoutADollarAreText() {
        assertThat(Wording.placeholdersOf(EmailWording.SENTENCE_PARTLY_INTEGRATED.template().fr()))
                .containsExactly("rejected", "received");
        assertThat(Wording.placeholdersOf("inbox/{partner_id}/{loader}_{AAAAMMJJ}[_{NN}].json")).isEmpty();
        assertThat(Wording.placeholdersOf("chargeur inconnu « ${loader} »")).containsExactly("loader");
    }
}
