package com.qlower.loaders.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The messages of the error codes: every code explained, each message written in its own words in each language (the
 * checks every catalogue passes are {@link com.qlower.loaders.wording.WordingCatalogueTest}'s).
 */
class PartnerMessageTest {

    /** Codes whose words are the JSON schema validator's own, in French and in English. */
    private static final Set<ErrorCode> WORDED_BY_THE_SCHEMA = EnumSet.of(ErrorCode.ENVELOPE_INVALID,
            ErrorCode.FIELD_MISSING, ErrorCode.FIELD_UNKNOWN, ErrorCode.FIELD_WRONG_TYPE);
    /** Codes no longer given, kept so that they keep their meaning. */
    private static final Set<ErrorCode> RETIRED = EnumSet.of(ErrorCode.ERASURE_NOT_SUPPORTED);

    @ParameterizedTest
    @EnumSource(PartnerMessage.class)
    void everyMessage_saysItInEachLanguagesOwnWords(PartnerMessage message) {
        assertThat(message.template().fr()).isNotEqualTo(message.template().en());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCode_isExplained_unlessTheSchemaWordsIt(ErrorCode code) {
        if (WORDED_BY_THE_SCHEMA.contains(code) || RETIRED.contains(code)) {
            assertThat(PartnerMessage.explaining(code)).isEmpty();
        } else {
            assertThat(PartnerMessage.explaining(code)).as("messages explaining %s", code).isNotEmpty();
        }
    }

    @Test
    void placeholders_areFilledByName_inBothLanguages() {
        Message message = PartnerMessage.FILE_TOO_LARGE.with("limit", 10, "size", 12);

        assertThat(message).isEqualTo(new Message(
                "le fichier fait 12 octets, au-delà de la limite de 10 : découpez-le",
                "the file is 12 bytes, above the limit of 10: split it"));
    }

    @Test
    void aMissingOrUnknownPlaceholder_isRefused() {
        assertThatThrownBy(() -> PartnerMessage.FILE_TOO_LARGE.with("size", 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FILE_TOO_LARGE");
        assertThatThrownBy(() -> PartnerMessage.FILE_EMPTY.with("size", 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartnerMessage.KEY_TOO_LONG.with("max"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyMessages_showAnExampleName_notAPattern() {
        Message pattern = PartnerMessage.KEY_PATTERN.message();

        assertThat(pattern.fr()).contains("inbox/votre-identifiant/transactions_20261123.json").doesNotContain("{");
        assertThat(pattern.en()).contains("inbox/your-partner-id/transactions_20261123.json").doesNotContain("{");
        assertThat(PartnerMessage.KEY_FILE_NAME.message().fr()).contains("transactions_20261123.json")
                .doesNotContain("{");
    }
}
