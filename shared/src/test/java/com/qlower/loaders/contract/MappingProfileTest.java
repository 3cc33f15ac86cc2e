package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A partner's record read through its mapping profile, before the contract's checks: renames (nested too), value
 * maps, number and date formats, defaults, ignored fields; errors still point at the partner's own field. And the
 * profile itself checked against its schema and the contract, each problem naming its place.
 */
class MappingProfileTest {

    private static final RecordValidator VALIDATOR = RecordValidatorTest.VALIDATOR;
    private static final ProfileCheck CHECK = new ProfileCheck();

    private static final String PROFILE = """
            {"profile_id": "gerance-fr",
             "number_format": {"decimal_separator": ",", "thousands_separator": " "},
             "date_formats": ["dd/MM/yyyy"],
             "loaders": {
               "transactions": {
                 "renames": {"identifiant": "external_id", "lot": "property_external_id",
                             "date_operation": "booked_on", "date_valeur": "value_date", "montant": "amount",
                             "libelle": "label", "tiers": "counterparty", "categorie": "category"},
                 "values": {"category": {"pret": "loan_repayment", "Loyer": "rent"}},
                 "defaults": {"currency": "EUR"},
                 "ignored": ["agence"]},
               "caracteristiques": {
                 "renames": {"adresse": "address", "adresse/cp": "address/postal_code", "type_bien": "property_type"},
                 "values": {"property_type": {"T2": "apartment", "studio": "apartment"}},
                 "defaults": {"address/country": "FR"}}}}""";

    private static final String TRANSACTION = """
            {"identifiant": "T-1", "lot": "P-1", "date_operation": "03/11/2026", "date_valeur": "2026-11-03",
             "montant": "-1 312,40", "libelle": "PRLV ECHEANCE PRET", "tiers": "Banque", "categorie": "PRÊT",
             "agence": "Marseille Prado"}""";

    private static MappingProfile profile() {
        ProfileCheck.Verdict verdict = CHECK.check(RecordValidatorTest.json(PROFILE));
        assertThat(verdict.problems()).isEmpty();
        return verdict.profile();
    }

    private static RecordValidator.ReadRecord read(Loader loader, String record) {
        return VALIDATOR.read(loader, 0, RecordValidatorTest.json(record), new ProfileReading(profile()));
    }

    @Test
    void profileCheck_compilesItsSchemaAtTheFirstCheck_notBefore() {
        ProfileCheck check = new ProfileCheck();
        assertThat(check.schemaCompiled()).isFalse();

        assertThat(check.check(RecordValidatorTest.json(PROFILE)).problems()).isEmpty();

        assertThat(check.schemaCompiled()).isTrue();
    }

    @Test
    void transaction_inThePartnersWords_isReadAsTheContract() {
        RecordValidator.ReadRecord read = read(Loader.TRANSACTIONS, TRANSACTION);

        assertThat(read.errors()).isEmpty();
        JsonNode record = read.record();
        assertThat(record.path("external_id").asText()).isEqualTo("T-1");
        assertThat(record.path("amount").asText()).isEqualTo("-1312.40");
        assertThat(record.path("booked_on").asText()).isEqualTo("2026-11-03");
        assertThat(record.path("category").asText()).as("matched without case or accent").isEqualTo("loan_repayment");
        assertThat(record.path("currency").asText()).as("default").isEqualTo("EUR");
        assertThat(record.has("agence")).as("ignored").isFalse();
    }

    @Test
    void nestedRenames_valueMaps_andNestedDefaults_makeAPropertyOfTheContract() {
        RecordValidator.ReadRecord read = read(Loader.CARACTERISTIQUES, """
                {"type": "property", "external_id": "P-1", "owner_external_id": "O-1", "label": "T2 Paradis",
                 "adresse": {"line1": "48 rue Paradis", "cp": "13006", "city": "Marseille"},
                 "type_bien": "T2", "rental_regime": "lmnp", "acquisition_date": "14/06/2019",
                 "acquisition_price": "185 000,00", "surface_m2": "42,5"}""");

        assertThat(read.errors()).isEmpty();
        assertThat(read.record().path("address").path("postal_code").asText()).isEqualTo("13006");
        assertThat(read.record().path("address").path("country").asText()).isEqualTo("FR");
        assertThat(read.record().path("property_type").asText()).isEqualTo("apartment");
        assertThat(read.record().path("acquisition_date").asText()).isEqualTo("2019-06-14");
        assertThat(read.record().path("acquisition_price").asText()).isEqualTo("185000.00");
        assertThat(read.record().path("surface_m2").decimalValue()).isEqualByComparingTo("42.5");
    }

    @Test
    void anErrorOfARenamedField_pointsAtThePartnersField_andNamesItInTheMessage() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put("montant", "douze");
        ((ObjectNode) transaction).put("date_valeur", "31/02/2026");

        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.TRANSACTIONS, 4, transaction,
                new ProfileReading(profile()));

        assertThat(read.errors()).extracting(FileError::pointer)
                .containsExactlyInAnyOrder("/records/4/montant", "/records/4/date_valeur");
        assertThat(read.errors()).allSatisfy(e -> {
            assertThat(e.message().en()).contains("your field '");
            assertThat(e.message().fr()).contains("votre champ « ");
        });
    }

    @Test
    void aNestedRenamedFieldMissing_isNamedAsThePartnerWritesIt() {
        RecordValidator.ReadRecord read = read(Loader.CARACTERISTIQUES, """
                {"type": "property", "external_id": "P-1", "owner_external_id": "O-1", "label": "T2 Paradis",
                 "adresse": {"line1": "48 rue Paradis", "city": "Marseille"},
                 "type_bien": "T2", "rental_regime": "lmnp", "acquisition_date": "14/06/2019",
                 "acquisition_price": "185000"}""");

        assertThat(read.errors()).extracting(FileError::code, FileError::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.FIELD_MISSING, "/records/0/adresse/cp"));
    }

    @Test
    void aThousandsCommaIsNeverGuessed_withoutAProfile_butIsReadWhereTheProfileSaysSo() {
        String bank = """
                {"profile_id": "bank", "number_format": {"decimal_separator": ".", "thousands_separator": ","}}""";
        MappingProfile profile = CHECK.check(RecordValidatorTest.json(bank)).profile();
        ObjectNode transaction = RecordValidatorTest.json("""
                {"external_id": "T-1", "property_external_id": "P-1", "booked_on": "2026-11-03",
                 "value_date": "2026-11-03", "amount": "1,234", "currency": "EUR", "label": "RENT",
                 "counterparty": "Tenant"}""");

        assertThat(VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction).errors())
                .extracting(FileError::code).containsExactly(ErrorCode.DECIMAL_COMMA);
        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction,
                new ProfileReading(profile));
        assertThat(read.errors()).isEmpty();
        assertThat(read.record().path("amount").asText()).isEqualTo("1234");
    }

    @Test
    void aNumberNotInTheProfilesFormat_isLeftForTheContractToRefuse() {
        ObjectNode transaction = RecordValidatorTest.json(TRANSACTION);
        transaction.put("montant", "1.312,40"); // points are not this partner's thousands separator

        RecordValidator.ReadRecord read = VALIDATOR.read(Loader.TRANSACTIONS, 0, transaction,
                new ProfileReading(profile()));

        assertThat(read.errors()).extracting(FileError::code, FileError::pointer).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ErrorCode.DECIMAL_COMMA, "/records/0/montant"));
    }

    @Test
    void aProfile_breakingItsSchemaOrTheContract_isRefused_witheachProblemNamingItsPlace() {
        ProfileCheck.Verdict schema = CHECK.check(RecordValidatorTest.json("""
                {"profile_id": "x", "number_format": {"decimal_separator": ";"}, "colour": "blue"}"""));
        assertThat(schema.valid()).isFalse();
        assertThat(schema.problems()).anyMatch(p -> p.contains("/number_format/decimal_separator"))
                .anyMatch(p -> p.contains("colour"));

        ProfileCheck.Verdict contract = CHECK.check(RecordValidatorTest.json("""
                {"profile_id": "x", "date_formats": ["MM/yyyy"],
                 "number_format": {"decimal_separator": ",", "thousands_separator": ","},
                 "loaders": {"transactions": {
                   "renames": {"montant": "amout", "a/b": "amount"},
                   "values": {"category": {"pret": "loan"}, "label": {"x": "y"}},
                   "defaults": {"devise": "EUR"}}}}"""));
        assertThat(contract.problems()).anySatisfy(p -> assertThat(p).startsWith("/date_formats/0"))
                .anySatisfy(p -> assertThat(p).startsWith("/number_format/thousands_separator"))
                .anySatisfy(p -> assertThat(p).startsWith("/loaders/transactions/renames/montant: 'amout'"))
                .anySatisfy(p -> assertThat(p).startsWith("/loaders/transactions/renames/a~1b"))
                .anySatisfy(p -> assertThat(p).startsWith("/loaders/transactions/values/category/pret: 'loan'"))
                .anySatisfy(p -> assertThat(p).startsWith("/loaders/transactions/values/label"))
                .anySatisfy(p -> assertThat(p).startsWith("/loaders/transactions/defaults/devise"));
    }

    @Test
    void thePublishedSchema_isTheOneTheCheckUses() throws Exception {
        Path docs = Path.of("..", "docs", "mapping-profile.schema.json");
        try (var resource = getClass().getClassLoader().getResourceAsStream("profile/mapping-profile.schema.json")) {
            assertThat(Files.readString(docs)).isEqualTo(new String(resource.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
