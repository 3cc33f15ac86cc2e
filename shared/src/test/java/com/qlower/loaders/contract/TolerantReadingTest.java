package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tolerant reading without configuration: {@code null} in an optional field is the field left out, a decimal
 * string where a number (not money) is taken is that number, an unknown category is the partner's own word; never a
 * decimal comma. Each rule is held to the published schema: a record the schema refuses, the validator refuses too,
 * and a record it accepts, the validator accepts unless a rule beyond the schema (named in the test) refuses it.
 */
class TolerantReadingTest {

    private static final RecordValidator VALIDATOR = RecordValidatorTest.VALIDATOR;

    private static final String TRANSACTION = """
            {"external_id": "T-1", "property_external_id": "P-1", "booked_on": "2026-10-02",
             "value_date": "2026-10-02", "amount": "-312.45", "currency": "EUR", "label": "PRLV SYNDIC",
             "counterparty": "Syndic", "category": "condo_fees", "bank_account_iban": "FR7630004012340001234567862"}""";
    private static final String PROPERTY = """
            {"type": "property", "external_id": "P-1", "owner_external_id": "O-1", "label": "T2 rue Paradis",
             "address": {"line1": "48 rue Paradis", "line2": "Bât. B", "postal_code": "13006", "city": "Marseille",
                         "country": "FR"},
             "property_type": "apartment", "rental_regime": "lmnp", "acquisition_date": "2019-06-14",
             "acquisition_price": 185000, "notary_fees": "13875.50", "land_share_pct": 15, "surface_m2": 42.5}""";
    private static final String PERSON = """
            {"type": "owner", "external_id": "O-1", "kind": "person", "first_name": "Hélène",
             "last_name": "Rousseau", "email": "helene@example.fr"}""";
    private static final String COMPANY = """
            {"type": "owner", "external_id": "O-2", "kind": "company", "company_name": "SCI Les Tilleuls"}""";
    private static final String DOCUMENT = """
            {"external_id": "D-1", "property_external_id": "P-1", "transaction_external_id": "T-1",
             "document_type": "invoice", "file_name": "facture.pdf", "content_type": "application/pdf",
             "size_bytes": 4, "sha256": "%s", "content_base64": "JVBERg=="}""".formatted("a".repeat(64));
    private static final String ERASURE = """
            {"type": "erasure_request", "owner_external_id": "O-1", "reference": "RGPD-1",
             "requested_at": "2026-11-20T10:00:00+01:00"}""";

    // ------------------------------------------------------------------------------------------------- null

    @Test
    void nullInOptionalFields_isTheFieldLeftOut_andIsNotStaged() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.putNull("category");
        transaction.putNull("bank_account_iban");
        transaction.putNull("action");

        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction);

        assertThat(read.errors()).isEmpty();
        assertThat(read.record().has("category")).isFalse();
        assertThat(read.record().has("bank_account_iban")).isFalse();
        assertThat(read.record().has("action")).isFalse();
        assertThat(schemaAccepts(Loader.TRANSACTIONS, transaction)).isTrue();
    }

    @Test
    void nullInEveryOptionalFieldOfEveryRecordType_isAccepted_byTheSchemaAndTheValidator() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        for (String field : List.of("notary_fees", "agency_fees", "furniture_value", "land_share_pct", "surface_m2",
                "rental_start_date")) {
            property.putNull(field);
        }
        ((ObjectNode) property.get("address")).putNull("line2");
        ObjectNode company = RecordValidatorTest.json(COMPANY);
        for (String field : List.of("first_name", "last_name", "siren", "email", "phone", "address")) {
            company.putNull(field);
        }
        ObjectNode person = RecordValidatorTest.json(PERSON);
        person.putNull("company_name");
        person.putNull("address");
        ObjectNode document = RecordValidatorTest.json(DOCUMENT);
        document.putNull("transaction_external_id");

        for (var record : List.of(new Object[] {Loader.CARACTERISTIQUES, property},
                new Object[] {Loader.CARACTERISTIQUES, company}, new Object[] {Loader.CARACTERISTIQUES, person},
                new Object[] {Loader.DOCUMENTS, document})) {
            Loader loader = (Loader) record[0];
            JsonNode node = (JsonNode) record[1];
            assertThat(VALIDATOR.read(loader, 0, node).errors()).as(node.toString()).isEmpty();
            assertThat(schemaAccepts(loader, node)).as(node.toString()).isTrue();
        }
    }

    @Test
    void nullInARequiredField_isRefused_byTheSchemaAndTheValidator() {
        ObjectNode person = RecordValidatorTest.json(PERSON);
        person.putNull("first_name"); // required of a person
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        property.putNull("address");
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.putNull("label");

        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, person).errors()).extracting(FileError::pointer)
                .containsExactly("/records/0/first_name");
        assertThat(schemaAccepts(Loader.CARACTERISTIQUES, person)).isFalse();
        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, property).errors()).isNotEmpty();
        assertThat(schemaAccepts(Loader.CARACTERISTIQUES, property)).isFalse();
        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors()).extracting(FileError::code)
                .containsExactly(ErrorCode.FIELD_WRONG_TYPE);
        assertThat(schemaAccepts(Loader.TRANSACTIONS, transaction)).isFalse();
    }

    @Test
    void nullInAFieldTheContractDoesNotHave_isStillAnUnknownField() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.putNull("montant");

        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors()).extracting(FileError::code)
                .containsExactly(ErrorCode.FIELD_UNKNOWN);
        assertThat(schemaAccepts(Loader.TRANSACTIONS, transaction)).isFalse();
    }

    // ------------------------------------------------------------------------------------ decimal strings

    @Test
    void decimalStrings_whereTheContractTakesANumber_areReadAsThatNumber() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        property.put("surface_m2", "42.5");
        property.put("land_share_pct", "15");

        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.CARACTERISTIQUES, 0, property);

        assertThat(read.errors()).isEmpty();
        assertThat(read.record().get("surface_m2").isNumber()).isTrue();
        assertThat(read.record().get("surface_m2").decimalValue()).isEqualByComparingTo(new BigDecimal("42.5"));
        assertThat(read.record().get("land_share_pct").decimalValue()).isEqualByComparingTo(new BigDecimal("15"));
        assertThat(property.get("surface_m2").isTextual()).as("the partner's record is left as it was").isTrue();
        assertThat(schemaAccepts(Loader.CARACTERISTIQUES, property)).isTrue();
    }

    @Test
    void aDocumentsSizeAsDigitsInAString_isReadAsTheInteger() {
        ObjectNode document = RecordValidatorTest.json(DOCUMENT);
        document.put("size_bytes", "4");

        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.DOCUMENTS, 0, document);

        assertThat(read.errors()).isEmpty();
        assertThat(read.record().get("size_bytes").isIntegralNumber()).isTrue();
        assertThat(read.record().get("size_bytes").asLong()).isEqualTo(4);
        assertThat(schemaAccepts(Loader.DOCUMENTS, document)).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}: schema accepts {2}, validator accepts {3}")
    @CsvSource(delimiter = '|', value = {
            // field          | value       | schema | validator
            "land_share_pct   | \"0\"       | true   | true",
            "land_share_pct   | \"100\"     | true   | true",
            "land_share_pct   | \"100.00\"  | true   | true",
            "land_share_pct   | \"12.5\"    | true   | true",
            "land_share_pct   | \"100.5\"   | false  | false",
            "land_share_pct   | \"150\"     | false  | false",
            "land_share_pct   | \"-1\"      | false  | false",
            "land_share_pct   | \"15 %\"    | false  | false",
            "land_share_pct   | \"12.555\"  | true   | false", // beyond the schema: at most 2 decimals
            "surface_m2       | \"0\"       | false  | false",
            "surface_m2       | \"0.00\"    | false  | false",
            "surface_m2       | \"0.5\"     | true   | true",
            "surface_m2       | \"007\"     | true   | true",
            "surface_m2       | \"100000\"  | true   | true",
            "surface_m2       | \"100000.01\" | false | false",
            "surface_m2       | \"1e3\"     | false  | false",
            "surface_m2       | \"\"        | false  | false",
            "surface_m2       | \" 42.5\"   | false  | false",
            "surface_m2       | \"42,5\"    | false  | false",
    })
    void decimalStrings_areHeldToTheSameBoundsAsNumbers_andTheSchemaAgrees(String field, String value,
                                                                           boolean schema, boolean validator) {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        property.set(field, RecordValidatorTest.json(value));

        assertThat(schemaAccepts(Loader.CARACTERISTIQUES, property)).as("schema").isEqualTo(schema);
        assertThat(VALIDATOR.read(Loader.CARACTERISTIQUES, 0, property).errors().isEmpty()).as("validator")
                .isEqualTo(validator);
    }

    @ParameterizedTest(name = "size_bytes {0}: accepted {1}")
    @CsvSource({"\"1\", true", "\"15728640\", true", "\"15728641\", false", "\"99999999\", false", "\"0\", false",
            "\"01\", false", "\"4.0\", false"})
    void aDocumentsSizeAsAString_isHeldToTheSameBounds_andTheSchemaAgrees(String value, boolean accepted) {
        ObjectNode document = RecordValidatorTest.json(DOCUMENT);
        document.set("size_bytes", RecordValidatorTest.json(value));

        assertThat(schemaAccepts(Loader.DOCUMENTS, document)).as("schema").isEqualTo(accepted);
        // the content is 4 bytes: only the contract's verdict matters here, not the transformer's size check
        assertThat(VALIDATOR.read(Loader.DOCUMENTS, 0, document).errors().isEmpty()).as("validator")
                .isEqualTo(accepted);
    }

    // --------------------------------------------------------------------------------------- decimal comma

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "amount         | -312,40",
            "amount         | 1 250,00",
            "amount         | 1.234,5",
            "amount         | 1,234",
    })
    void aDecimalCommaInMoney_isNeverGuessed_andNamesTheRecordAndTheField(String field, String value) {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put(field, value);

        List<FileError> errors = VALIDATOR.read(Loader.TRANSACTIONS, 4, transaction).errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DECIMAL_COMMA);
            assertThat(e.recordIndex()).isEqualTo(4L);
            assertThat(e.pointer()).isEqualTo("/records/4/" + field);
            assertThat(e.value()).isEqualTo(value);
            assertThat(e.message().en()).contains(field, "decimal point");
            assertThat(e.message().fr()).contains(field, "point décimal");
        });
        assertThat(schemaAccepts(Loader.TRANSACTIONS, transaction)).isFalse();
    }

    @Test
    void aDecimalCommaInANumber_isNeverGuessed_either() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        property.put("surface_m2", "42,5");
        ((ObjectNode) property).put("notary_fees", "13875,50");

        List<FileError> errors = VALIDATOR.read(Loader.CARACTERISTIQUES, 2, property).errors();

        assertThat(errors).extracting(FileError::code, FileError::pointer).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple(ErrorCode.DECIMAL_COMMA, "/records/2/surface_m2"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.DECIMAL_COMMA, "/records/2/notary_fees"));
    }

    // --------------------------------------------------------------------------------------- coded values

    @Test
    void anUnknownCategory_isAcceptedByTheContract_forTheTransformerToKeepAndInfer() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put("category", "loan");

        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors()).isEmpty();
        assertThat(schemaAccepts(Loader.TRANSACTIONS, transaction)).isTrue();
    }

    @Test
    void anUnknownValueOfARequiredCodedField_isRefused_withTheAcceptedValues_andTheHintOfAMapping() {
        ObjectNode property = RecordValidatorTest.json(PROPERTY);
        property.put("property_type", "studio");

        List<FileError> errors = VALIDATOR.read(Loader.CARACTERISTIQUES, 1, property).errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_INVALID);
            assertThat(e.pointer()).isEqualTo("/records/1/property_type");
            assertThat(e.value()).isEqualTo("studio");
            assertThat(e.message().en()).contains("'studio'", "apartment, house, parking, commercial, land, other",
                    "map your value");
            assertThat(e.message().fr()).contains("« studio »", "apartment, house", "correspondance");
        });
        assertThat(schemaAccepts(Loader.CARACTERISTIQUES, property)).isFalse();
    }

    @Test
    void theCategoriesTheSchemaNames_areTheDomainsCategories() {
        JsonNode category = schemaNode(Loader.TRANSACTIONS).at("/$defs/transaction/properties/category");

        List<String> named = new java.util.ArrayList<>();
        category.get("examples").forEach(v -> named.add(v.asText()));
        assertThat(named).containsExactlyElementsOf(java.util.Arrays.stream(
                com.qlower.loaders.domain.TransactionCategory.values())
                .map(com.qlower.loaders.domain.TransactionCategory::wireName).toList());
    }

    // ------------------------------------------------------------------------------------------- fixtures

    /** The published schema's verdict on one raw record, as a third party validating with it would get it. */
    private static boolean schemaAccepts(Loader loader, JsonNode record) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(ContractSchemas.SCHEMA_ID_PREFIX,
                        ContractSchemas.SCHEMA_RESOURCE_PREFIX)));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ContractSchemas.SCHEMA_RESOURCE_PREFIX + "v1/"
                        + loader.wireName() + ".schema.json#/$defs/record"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return schema.validate(record).isEmpty();
    }

    private static JsonNode schemaNode(Loader loader) {
        try (var in = TolerantReadingTest.class.getClassLoader().getResourceAsStream(
                "contract/v1/" + loader.wireName() + ".schema.json")) {
            return ContractJson.partnerFileMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
