package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records against the contract: the JSON Schema of each record type, then what a schema cannot say (exact money,
 * check digits, the currency, dates not in the future). Every error names its record and field.
 */
class RecordValidatorTest {

    /** "Today" is 24 November 2026 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneId.of("Europe/Paris"));
    static final RecordValidator VALIDATOR = new RecordValidator(CLOCK);

    static final String TRANSACTION = """
            {
              "external_id": "GI-TRX-20261002-0002",
              "property_external_id": "GI-PRP-001203",
              "booked_on": "2026-10-02",
              "value_date": "2026-10-02",
              "amount": -312.45,
              "currency": "EUR",
              "label": "PRLV SEPA CABINET PROVENCE SYNDIC APPEL DE FONDS T4 2026",
              "counterparty": "Cabinet Provence Syndic",
              "category": "condo_fees",
              "bank_account_iban": "FR7630004012340001234567862"
            }""";

    private static final String PROPERTY = """
            {
              "type": "property",
              "external_id": "GI-PRP-001203",
              "owner_external_id": "GI-OWN-000412",
              "label": "Marseille 6e - T2 meublé rue Paradis",
              "address": {"line1": "48 rue Paradis", "line2": "Bât. B", "postal_code": "13006",
                          "city": "Marseille", "country": "FR"},
              "property_type": "apartment",
              "rental_regime": "lmnp",
              "acquisition_date": "2019-06-14",
              "acquisition_price": 185000,
              "notary_fees": "13875.50",
              "agency_fees": 6500.00,
              "furniture_value": "8420.00",
              "land_share_pct": 15,
              "surface_m2": 42.5,
              "rental_start_date": "2019-09-01"
            }""";

    private static final String PERSON = """
            {
              "type": "owner",
              "external_id": "GI-OWN-000412",
              "kind": "person",
              "first_name": "Hélène",
              "last_name": "Rousseau",
              "email": "helene.rousseau@example.fr",
              "phone": "+33 6 39 98 12 34"
            }""";

    private static final String COMPANY = """
            {
              "type": "owner",
              "external_id": "GI-OWN-000587",
              "kind": "company",
              "company_name": "SCI Les Tilleuls",
              "siren": "914528732"
            }""";

    private static final String ERASURE = """
            {
              "type": "erasure_request",
              "owner_external_id": "GI-OWN-000412",
              "reference": "RGPD-2026-0042",
              "requested_at": "2026-11-20T10:00:00+01:00"
            }""";

    // ---------------------------------------------------------------------------------------------- transactions

    @Test
    void validateRecord_acceptsAValidTransaction() {
        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, json(TRANSACTION))).isEmpty();
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"780", "-412.80", "780.5", "0", "\"1150.00\"", "\"-1246\"", "\"-0.5\"", "\"-8.9\"",
            "9999999999999.99", "\"-9999999999999.99\""})
    void validateRecord_acceptsAmountsWithAtMostTwoDecimals_asNumbersOrDecimalStrings(String amount) {
        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, with(TRANSACTION, "amount", amount))).isEmpty();
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"external_id", "property_external_id", "booked_on", "value_date", "amount", "currency",
            "label", "counterparty"})
    void validateRecord_reportsAMissingRequiredField_atItsPointer(String field) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 7, without(TRANSACTION, field));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_MISSING);
            assertThat(e.recordIndex()).isEqualTo(7L);
            assertThat(e.pointer()).isEqualTo("/records/7/" + field);
            assertThat(e.value()).isNull();
            assertThat(e.message().fr()).isNotBlank();
                        assertThat(e.message().en()).isNotBlank();
        });
    }

    @Test
    void validateRecord_acceptsATransactionWithoutItsOptionalFields() {
        ObjectNode record = json(TRANSACTION);
        record.remove(List.of("category", "bank_account_iban"));

        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, record)).isEmpty();
    }

    @Test
    void validateRecord_reportsAnUnknownField_atItsPointer() {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 2,
                with(TRANSACTION, "memo", "\"loyer\""));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_UNKNOWN, "/records/2/memo"));
    }

    @Test
    void validateRecord_reportsADateOrTextHoldingAnObject_asTheWrongType_ratherThanFailing() {
        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 2, with(TRANSACTION, "booked_on", "{}")))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_WRONG_TYPE, "/records/2/booked_on"));
        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 2, with(TRANSACTION, "label", "{}")))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_WRONG_TYPE, "/records/2/label"));
    }

    @Test
    void validateRecord_reportsAnUnknownField_inANestedObject() {
        ObjectNode property = json(PROPERTY);
        ((ObjectNode) property.get("address")).put("adress", "typo");

        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, property))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_UNKNOWN, "/records/0/address/adress"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"label=42", "counterparty=null", "external_id=12", "amount=true", "amount={}",
            "booked_on=20261002", "currency=[\"EUR\"]"})
    void validateRecord_reportsAWrongType_atItsPointer(String change) {
        String field = change.substring(0, change.indexOf('='));
        String value = change.substring(change.indexOf('=') + 1);

        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, with(TRANSACTION, field, value));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_WRONG_TYPE, "/records/0/" + field));
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"\"12.345\"", "12.345", "-56.125", "\"-56.125\"", "0.001"})
    void validateRecord_reportsAnAmountWithMoreThanTwoDecimals(String amount) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 4, with(TRANSACTION, "amount", amount));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MONEY_TOO_MANY_DECIMALS);
            assertThat(e.pointer()).isEqualTo("/records/4/amount");
            assertThat(e.recordIndex()).isEqualTo(4L);
        });
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"1e2000000000", "-1e2000000000", "\"99999999999999.00\"", "99999999999999",
            "10000000000000.00"})
    void validateRecord_reportsAnAmountBeyondThirteenDigitsOfEuros_withoutExpandingIt(String amount) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, with(TRANSACTION, "amount", amount));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MONEY_OUT_OF_RANGE);
            assertThat(e.pointer()).isEqualTo("/records/0/amount");
            assertThat(e.value()).hasSizeLessThanOrEqualTo(80);
        });
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"\"1 150.00\"", "\"+95\"", "\"1e3\"", "\"€12\"", "\"\""})
    void validateRecord_reportsAnAmountStringThatIsNotADecimal_asInvalid(String amount) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, with(TRANSACTION, "amount", amount));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_INVALID, "/records/0/amount"));
    }

    @Test
    void validateRecord_reportsAnotherCurrencyThanEuro_asUnsupported() {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 3,
                with(TRANSACTION, "currency", "\"USD\""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_UNSUPPORTED);
            assertThat(e.pointer()).isEqualTo("/records/3/currency");
            assertThat(e.value()).isEqualTo("USD");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FR7630004012340001234567863", "FR7630004012340001234567872", "FR7730004012340001234567862",
            "DE7630004012340001234567862"})
    void validateRecord_reportsAnIbanWhoseCheckDigitsDoNotMatch(String iban) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0,
                with(TRANSACTION, "bank_account_iban", "\"" + iban + "\""));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.IBAN_INVALID, "/records/0/bank_account_iban"));
    }

    @ParameterizedTest(name = "booked_on {0}")
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "23/11/2026", "2026-11-23T00:00:00Z", "2026-1-5"})
    void validateRecord_reportsADateThatIsNotACalendarDate_asInvalid(String date) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0,
                with(TRANSACTION, "booked_on", "\"" + date + "\""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_INVALID);
            assertThat(e.pointer()).isEqualTo("/records/0/booked_on");
            assertThat(e.value()).isEqualTo(date);
        });
    }

    @Test
    void validateRecord_reportsEveryErrorOfARecord_notOnlyTheFirst() {
        ObjectNode record = without(TRANSACTION, "label");
        record.put("memo", "x");
        record.set("amount", json("\"12.345\""));

        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, record))
                .extracting(FileError::code, FileError::pointer)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.FIELD_MISSING, "/records/0/label"),
                        tuple(ErrorCode.FIELD_UNKNOWN, "/records/0/memo"),
                        tuple(ErrorCode.MONEY_TOO_MANY_DECIMALS, "/records/0/amount"));
    }

    // ---------------------------------------------------------------------------------------------- properties

    @Test
    void validateRecord_acceptsAValidProperty() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, json(PROPERTY))).isEmpty();
    }

    @Test
    void validateRecord_acceptsAnAcquisitionToday() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0,
                with(PROPERTY, "acquisition_date", "\"2026-11-24\""))).isEmpty();
    }

    @ParameterizedTest(name = "acquisition_date {0}")
    @ValueSource(strings = {"2026-11-25", "2027-01-01", "2100-06-14"})
    void validateRecord_reportsAnAcquisitionInTheFuture(String date) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 2,
                with(PROPERTY, "acquisition_date", "\"" + date + "\""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATE_IN_FUTURE);
            assertThat(e.pointer()).isEqualTo("/records/2/acquisition_date");
            assertThat(e.value()).isEqualTo(date);
        });
    }

    @Test
    void validateRecord_judgesTheFutureByTheClocksDate_inItsZone() {
        // 23:30 UTC on the 24th is already the 25th in Paris
        RecordValidator lateEvening = new RecordValidator(
                Clock.fixed(Instant.parse("2026-11-24T23:30:00Z"), ZoneId.of("Europe/Paris")));

        assertThat(lateEvening.validateRecord(Loader.CARACTERISTIQUES, 0,
                with(PROPERTY, "acquisition_date", "\"2026-11-25\""))).isEmpty();
    }

    @ParameterizedTest(name = "land_share_pct {0}")
    @ValueSource(strings = {"120", "100.01", "-1", "-0.5"})
    void validateRecord_reportsALandShareOutsideZeroToHundredPercent(String share) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0,
                with(PROPERTY, "land_share_pct", share));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_INVALID);
            assertThat(e.pointer()).isEqualTo("/records/0/land_share_pct");
            assertThat(e.value()).isEqualTo(share);
        });
    }

    @ParameterizedTest(name = "land_share_pct {0}")
    @ValueSource(strings = {"0", "100", "33.33"})
    void validateRecord_acceptsALandShareFromZeroToHundredPercent(String share) {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, with(PROPERTY, "land_share_pct", share)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"acquisition_price", "notary_fees", "agency_fees", "furniture_value"})
    void validateRecord_checksEveryAmountOfAProperty(String field) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 1,
                with(PROPERTY, field, "1000.005"));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.MONEY_TOO_MANY_DECIMALS, "/records/1/" + field));
    }

    // ---------------------------------------------------------------------------------------------- owners

    @Test
    void validateRecord_acceptsAPersonAndACompanyWithAValidSiren() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, json(PERSON))).isEmpty();
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 1, json(COMPANY))).isEmpty();
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 1, with(COMPANY, "siren", "\"732829320\"")))
                .isEmpty();
    }

    @Test
    void validateRecord_reportsASirenWhoseCheckDigitDoesNotMatch() {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 1,
                with(COMPANY, "siren", "\"732829321\""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SIREN_INVALID);
            assertThat(e.pointer()).isEqualTo("/records/1/siren");
            assertThat(e.value()).isEqualTo("732829321");
        });
    }

    @Test
    void validateRecord_reportsASirenThatIsNotNineDigits_asInvalid() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, with(COMPANY, "siren", "\"73282932\"")))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_INVALID, "/records/0/siren"));
    }

    @ParameterizedTest(name = "person without {0}")
    @ValueSource(strings = {"last_name", "first_name"})
    void validateRecord_reportsAPersonWithoutItsNames(String field) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, without(PERSON, field));

        assertThat(errors).extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_MISSING, "/records/0/" + field));
    }

    @Test
    void validateRecord_reportsACompanyWithoutItsName() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, without(COMPANY, "company_name")))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_MISSING, "/records/0/company_name"));
    }

    // ---------------------------------------------------------------------------------------------- record types

    @ParameterizedTest(name = "type {0}")
    @ValueSource(strings = {"\"tenant\"", "\"Owner\"", "\"transaction\"", "42", "null"})
    void validateRecord_reportsAnUnknownRecordType_ofCaracteristiques(String type) {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 5, with(PERSON, "type", type));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RECORD_TYPE_UNKNOWN);
            assertThat(e.pointer()).isEqualTo("/records/5/type");
            assertThat(e.recordIndex()).isEqualTo(5L);
        });
    }

    @Test
    void validateRecord_reportsARecordWithoutType_ofCaracteristiques_asUnknownType() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, without(PERSON, "type")))
                .extracting(FileError::code).containsExactly(ErrorCode.RECORD_TYPE_UNKNOWN);
    }

    @Test
    void validateRecord_acceptsAnErasureRequest() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 3, json(ERASURE))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ retirements

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TRANSACTIONS     | {\"external_id\": \"GI-TRX-1\", \"action\": \"retire\"}",
            "DOCUMENTS        | {\"external_id\": \"GI-DOC-1\", \"action\": \"retire\"}",
            "CARACTERISTIQUES | {\"type\": \"property\", \"external_id\": \"GI-PRP-1\", \"action\": \"retire\"}",
            "CARACTERISTIQUES | {\"type\": \"owner\", \"external_id\": \"GI-OWN-1\", \"action\": \"retire\"}"})
    void validateRecord_acceptsARetirement_namingOnlyTheRecord(Loader loader, String record) {
        assertThat(VALIDATOR.validateRecord(loader, 0, json(record))).isEmpty();
    }

    @Test
    void validateRecord_refusesARetirementCarryingMoreThanItsIdentifiers() {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.TRANSACTIONS, 4, json(
                "{\"external_id\": \"GI-TRX-1\", \"action\": \"retire\", \"amount\": \"12.00\"}"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_UNKNOWN);
            assertThat(e.pointer()).isEqualTo("/records/4/amount");
        });
    }

    @Test
    void validateRecord_refusesAnUnknownAction_andAcceptsAnExplicitUpsert() {
        ObjectNode upsert = (ObjectNode) json(TRANSACTION);
        upsert.put("action", "upsert");
        ObjectNode delete = (ObjectNode) json(TRANSACTION);
        delete.put("action", "delete");

        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, upsert)).isEmpty();
        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, delete)).singleElement()
                .satisfies(e -> assertThat(e.pointer()).isEqualTo("/records/0/action"));
    }

    @Test
    void validateRecord_refusesARetirementOfAnErasureRequest() {
        List<FileError> errors = VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, json(
                "{\"type\": \"erasure_request\", \"external_id\": \"X\", \"action\": \"retire\"}"));

        assertThat(errors).extracting(FileError::pointer).contains("/records/0/type");
    }

    @Test
    void validateRecord_checksAnErasureRequestAgainstItsSchema_first() {
        assertThat(VALIDATOR.validateRecord(Loader.CARACTERISTIQUES, 0, without(ERASURE, "reference")))
                .extracting(FileError::code, FileError::pointer)
                .containsExactly(tuple(ErrorCode.FIELD_MISSING, "/records/0/reference"));
    }

    @ParameterizedTest(name = "record {0}")
    @ValueSource(strings = {"42", "\"owner\"", "[]", "null", "true"})
    void validateRecord_reportsARecordThatIsNotAnObject(String record) {
        for (Loader loader : Loader.values()) {
            List<FileError> errors = VALIDATOR.validateRecord(loader, 9, json(record));

            assertThat(errors).as(loader.wireName()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RECORD_NOT_OBJECT);
                assertThat(e.pointer()).isEqualTo("/records/9");
                assertThat(e.recordIndex()).isEqualTo(9L);
            });
        }
    }

    @Test
    void recordErrors_areAllOfRecordScope() {
        ObjectNode record = without(TRANSACTION, "label");
        record.put("currency", "usd");

        assertThat(VALIDATOR.validateRecord(Loader.TRANSACTIONS, 0, record)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.code().scope()).isEqualTo(ErrorCode.Scope.RECORD));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Parsed as partner files are: numbers stay exact BigDecimals. */
    static <T extends JsonNode> T json(String text) {
        try {
            @SuppressWarnings("unchecked")
            T node = (T) ContractJson.partnerFileMapper().readTree(text);
            return node;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode with(String record, String field, String rawValue) {
        ObjectNode node = json(record);
        node.set(field, json(rawValue));
        return node;
    }

    private static ObjectNode without(String record, String field) {
        ObjectNode node = json(record);
        node.remove(field);
        return node;
    }
}
