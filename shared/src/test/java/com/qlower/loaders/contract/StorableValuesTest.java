package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values the schema lets through but PostgreSQL cannot store (or would store as something else) are refused for
 * their record alone, with the record and the field: so that no single record fails a whole file at the merge.
 */
class StorableValuesTest {

    private static final RecordValidator VALIDATOR = RecordValidatorTest.VALIDATOR;

    private static final String TRANSACTION = """
            {"external_id": "T-1", "property_external_id": "P-1", "booked_on": "2026-10-02",
             "value_date": "2026-10-02", "amount": "-312.45", "currency": "EUR", "label": "PRLV SYNDIC",
             "counterparty": "Syndic"}""";
    private static final String PROPERTY = """
            {"type": "property", "external_id": "P-1", "owner_external_id": "O-1", "label": "T2 rue Paradis",
             "address": {"line1": "48 rue Paradis", "postal_code": "13006", "city": "Marseille", "country": "FR"},
             "property_type": "apartment", "rental_regime": "lmnp", "acquisition_date": "2019-06-14",
             "acquisition_price": 185000}""";

    @ParameterizedTest(name = "label {0}")
    @ValueSource(strings = {"\"PRLV\\u0000SYNDIC\"", "\"\\u0000\""})
    void aNulCharacterInAnyText_refusesTheRecord(String label) {
        List<FileError> errors = VALIDATOR.read(Loader.TRANSACTIONS, 3, with(TRANSACTION, "label", label))
                .errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TEXT_FORBIDDEN_CHARACTER);
            assertThat(e.pointer()).isEqualTo("/records/3/label");
            assertThat(e.value()).as("never quoted").isNull();
            assertThat(e.message().en()).contains("U+0000");
        });
    }

    @Test
    void aNulCharacterInAnOptionalOrNestedText_refusesTheRecordToo() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        ((ObjectNode) property.get("address")).put("line2", "Bât.\u0000B");

        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, property).errors())
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_FORBIDDEN_CHARACTER,
                        "/records/0/address/line2"));
    }

    @ParameterizedTest(name = "counterparty {0}")
    @ValueSource(strings = {"\"\\ud800\"", "\"abc\\udc00\"", "\"\\ud83d x\""})
    void anEscapedLoneSurrogate_refusesTheRecord_ratherThanBeingStoredAsAQuestionMark(String text) {
        List<FileError> errors = VALIDATOR.read(Loader.TRANSACTIONS, 0, with(TRANSACTION, "counterparty", text))
                .errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TEXT_FORBIDDEN_CHARACTER);
            assertThat(e.pointer()).isEqualTo("/records/0/counterparty");
            assertThat(e.message().en()).contains("lone half of a character");
        });
    }

    @Test
    void aPairedSurrogate_anEmoji_isAnOrdinaryCharacter() {
        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, with(TRANSACTION, "label", "\"Loyer \\ud83c\\udfe0\""))
                .errors()).isEmpty();
    }

    @ParameterizedTest(name = "label {0}")
    @ValueSource(strings = {"\"   \"", "\"\\t\\n\"", "\"\\u00a0\"", "\"\\u200b\"", "\"\\ufeff \\u2003\"",
            "\"\\u202f\\u3000\""})
    void aRequiredTextBlankAfterTrimming_refusesTheRecord(String label) {
        List<FileError> errors = VALIDATOR.read(Loader.TRANSACTIONS, 5, with(TRANSACTION, "label", label)).errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TEXT_BLANK);
            assertThat(e.pointer()).isEqualTo("/records/5/label");
        });
    }

    @Test
    void aBlankRequiredTextOfANestedObject_orOfARecordsKind_refusesTheRecord() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        ((ObjectNode) property.get("address")).put("city", "\u200b");
        ObjectNode person = RecordValidatorTest.json("""
                {"type": "owner", "external_id": "O-1", "kind": "person", "first_name": " ", "last_name": "Roy"}""");
        ObjectNode company = RecordValidatorTest.json("""
                {"type": "owner", "external_id": "O-2", "kind": "company", "company_name": "SCI A",
                 "first_name": " "}""");

        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, property).errors())
                .extracting(FileError::code, FileError::pointer).containsExactly(
                        org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_BLANK, "/records/0/address/city"));
        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, person).errors())
                .extracting(FileError::code, FileError::pointer).containsExactly(
                        org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_BLANK, "/records/0/first_name"));
        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, company).errors())
                .as("a company's first name is optional: blank, it is dropped as before").isEmpty();
    }

    @Test
    void aBlankCounterparty_isAllowed_theContractTakesItEmptyWhenUnknown() {
        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, with(TRANSACTION, "counterparty", "\"  \"")).errors())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "booked_on, 0000-01-01",
            "booked_on, 1899-12-31",
            "value_date, 2101-01-01",
            "value_date, 9999-12-31",
    })
    void aDateOutsideTheContractsYears_refusesTheRecord(String field, String date) {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put(field, date);

        List<FileError> errors = VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors();

        assertThat(errors).extracting(FileError::code).contains(ErrorCode.DATE_OUT_OF_RANGE);
        assertThat(errors).filteredOn(e -> e.code() == ErrorCode.DATE_OUT_OF_RANGE).singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/records/0/" + field);
                    assertThat(e.value()).isEqualTo(date);
                    assertThat(e.message().en()).contains("1900", "2100");
                });
    }

    @Test
    void theContractsYearBounds_areAccepted() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put("booked_on", "1900-01-01");
        transaction.put("value_date", "1900-01-01");

        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors()).isEmpty();
    }

    @Test
    void aDateTimeInYearZero_refusesTheErasureRequest() {
        ObjectNode erasure = RecordValidatorTest.json("""
                {"type": "erasure_request", "owner_external_id": "O-1", "reference": "R-1",
                 "requested_at": "0000-11-20T10:00:00+01:00"}""");

        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, erasure).errors()).extracting(FileError::code)
                .contains(ErrorCode.DATE_OUT_OF_RANGE);
    }

    private static ObjectNode with(String record, String field, String rawValue) {
        ObjectNode node = RecordValidatorTest.json(record);
        node.set(field, RecordValidatorTest.json(rawValue));
        return node;
    }
}
