package com.qlower.loaders.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A validated contract record mapped to the internal model: amounts in cents, text and addresses normalized, costs
 * derived; and the rules a record breaks on its own, each rejecting it with its code, pointer and value.
 * (The category of a transaction: {@link RecordMapperCategoryTest}.)
 */
class RecordMapperTest {

    private static final LocalDate SNAPSHOT_DATE = LocalDate.of(2026, 11, 23);

    /** The partner sent owner O-1, property P-1 and transaction T-1 before; owner O-GONE was erased. */
    private static final RecordMapper.References KNOWN = new RecordMapper.References() {
        @Override
        public boolean ownerExists(String externalId) {
            return Set.of("O-1").contains(externalId);
        }

        @Override
        public boolean propertyExists(String externalId) {
            return "P-1".equals(externalId);
        }

        @Override
        public boolean transactionExists(String externalId) {
            return "T-1".equals(externalId);
        }

        @Override
        public boolean ownerErased(String externalId) {
            return "O-GONE".equals(externalId);
        }
    };

    private static final RecordMapper DELTA = new RecordMapper(SNAPSHOT_DATE, Mode.DELTA, KNOWN);

    // ---------------------------------------------------------------------------------------------- owners

    @Test
    void aPerson_isNamedLastNameFirst_withTextNormalized_andContactsCompacted() {
        Owner owner = (Owner) DELTA.map(Loader.CARACTERISTIQUES, 0, json("""
                {"type": "owner", "external_id": "O-2", "kind": "person", "first_name": "  Hélène ",
                 "last_name": "Rousseau", "email": "Helene.Rousseau@Example.FR", "phone": "+33 6 39.98-12 34",
                 "address": {"line1": "27  rue Edmond   Rostand", "postal_code": "13006", "city": "Marseille",
                             "country": "fr"}}""")).record();

        assertThat(owner.displayName()).isEqualTo("Rousseau Hélène");
        assertThat(owner.firstName()).isEqualTo("Hélène");
        assertThat(owner.email()).isEqualTo("helene.rousseau@example.fr");
        assertThat(owner.phone()).isEqualTo("+33639981234");
        assertThat(owner.address()).isEqualTo(new Address("27 rue Edmond Rostand", null, "13006", "MARSEILLE", "FR"));
    }

    @Test
    void aCompany_isNamedByItsCompanyName() {
        Owner owner = (Owner) DELTA.map(Loader.CARACTERISTIQUES, 0, json("""
                {"type": "owner", "external_id": "O-3", "kind": "company", "company_name": "SCI Les Tilleuls",
                 "siren": "914528732"}""")).record();

        assertThat(owner.displayName()).isEqualTo("SCI Les Tilleuls");
        assertThat(owner.address()).isNull();
    }

    @Test
    void anErasedOwner_sentAgain_isRejected_namedByThePartnersIdOnly() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.CARACTERISTIQUES, 4, json("""
                {"type": "owner", "external_id": "O-GONE", "kind": "person", "first_name": "A", "last_name": "B"}"""));

        assertThat(mapped.record()).isNull();
        assertRejected(mapped, ErrorCode.OWNER_ERASED, "/records/4/external_id", "O-GONE");
        assertThat(mapped.errors().getFirst().message().en()).doesNotContain("their properties");
    }

    // ---------------------------------------------------------------------------------------------- properties

    @Test
    void aProperty_hasItsCostsInCents_andItsDepreciableBaseDerived() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.CARACTERISTIQUES, 0, property("""
                "acquisition_price": 185000, "notary_fees": "13875.50", "agency_fees": 6500,
                "furniture_value": "8420.00", "land_share_pct": 15, "rental_regime": "lmnp\""""));

        Property property = (Property) mapped.record();
        assertThat(property.acquisitionPriceCents()).isEqualTo(18_500_000L);
        assertThat(property.notaryFeesCents()).isEqualTo(1_387_550L);
        assertThat(property.totalCostCents()).isEqualTo(18_500_000L + 1_387_550L + 650_000L);
        // 15 % of the total cost is land, which is not depreciated, nor is the furniture (depreciated apart)
        assertThat(property.depreciableBaseCents()).isEqualTo(20_537_550L - 3_080_632L - 842_000L);
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void aPropertyWithoutLandShare_hasNoDepreciableBase() {
        Property property = (Property) DELTA.map(Loader.CARACTERISTIQUES, 0, property("""
                "acquisition_price": "18000.00", "rental_regime": "nu\"""")).record();

        assertThat(property.totalCostCents()).isEqualTo(1_800_000L);
        assertThat(property.depreciableBaseCents()).isNull();
    }

    @Test
    void aFurnishedRental_withoutFurnitureValue_isKept_withAWarning() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.CARACTERISTIQUES, 2, property("""
                "acquisition_price": 100000, "rental_regime": "lmp\""""));

        assertThat(mapped.record()).isNotNull();
        assertThat(mapped.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCode.FURNISHED_WITHOUT_FURNITURE_VALUE);
            assertThat(w.pointer()).isEqualTo("/records/2/furniture_value");
        });
    }

    @Test
    void aRentalStartingBeforeTheAcquisition_isRejected() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.CARACTERISTIQUES, 1, property("""
                "acquisition_price": 100000, "rental_regime": "nu", "rental_start_date": "2019-06-13\""""));

        assertRejected(mapped, ErrorCode.RENTAL_START_BEFORE_ACQUISITION, "/records/1/rental_start_date",
                "2019-06-13");
    }

    @Test
    void aPropertyOfAnUnknownOwner_isRejected_butNotWithoutReferences() {
        String json = """
                {"type": "property", "external_id": "P-9", "owner_external_id": "O-NEW", "label": "T2",
                 "property_type": "apartment", "rental_regime": "nu", "acquisition_date": "2019-06-14",
                 "acquisition_price": 100000}""";

        assertRejected(DELTA.map(Loader.CARACTERISTIQUES, 3, json(json)), ErrorCode.PROPERTY_OWNER_UNKNOWN,
                "/records/3/owner_external_id", "O-NEW");
        assertThat(new RecordMapper(SNAPSHOT_DATE, Mode.DELTA, null).map(Loader.CARACTERISTIQUES, 3, json(json))
                .errors()).as("the offline pre-flight knows nothing stored").isEmpty();
    }

    @Test
    void aPropertyOfAnErasedOwner_isRejected() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.CARACTERISTIQUES, 0, json("""
                {"type": "property", "external_id": "P-9", "owner_external_id": "O-GONE", "label": "T2",
                 "property_type": "apartment", "rental_regime": "nu", "acquisition_date": "2019-06-14",
                 "acquisition_price": 100000}"""));

        assertRejected(mapped, ErrorCode.OWNER_ERASED, "/records/0/owner_external_id", "O-GONE");
        assertThat(mapped.errors().getFirst().message().en()).contains("nor their properties");
    }

    // ---------------------------------------------------------------------------------------------- transactions

    @Test
    void aTransaction_hasItsAmountInCents_andItsIbanCompacted() {
        Transaction transaction = (Transaction) DELTA.map(Loader.TRANSACTIONS, 0, transaction(
                "2026-11-05", "2026-11-05", "-412.80")).record();

        assertThat(transaction.amountCents()).isEqualTo(-41_280L);
        assertThat(transaction.bankAccountIban()).isEqualTo("FR7630006000011234567890189");
        assertThat(transaction.label()).isEqualTo("PRLV ECHEANCE PRET");
    }

    @Test
    void aValueDateMoreThanAMonthBeforeTheBooking_isRejected() {
        RecordMapper.Mapped mapped = DELTA.map(Loader.TRANSACTIONS, 7, transaction("2026-11-05", "2026-10-04",
                "-10.00"));

        assertRejected(mapped, ErrorCode.VALUE_DATE_TOO_EARLY, "/records/7/value_date", "2026-10-04");
        assertThat(DELTA.map(Loader.TRANSACTIONS, 7, transaction("2026-11-05", "2026-10-05", "-10.00")).errors())
                .as("31 days is allowed").isEmpty();
    }

    @Test
    void aTransactionBookedAfterTheSnapshotDate_isRejected() {
        assertRejected(DELTA.map(Loader.TRANSACTIONS, 0, transaction("2026-11-24", "2026-11-24", "-10.00")),
                ErrorCode.TRANSACTION_AFTER_SNAPSHOT, "/records/0/booked_on", "2026-11-24");
    }

    @Test
    void aZeroAmount_andRentAsADebit_areKept_withWarnings() {
        RecordMapper.Mapped zero = DELTA.map(Loader.TRANSACTIONS, 0, transaction("2026-11-05", "2026-11-05", "0"));
        JsonNode rentDebit = json("""
                {"external_id": "T-8", "property_external_id": "P-1", "booked_on": "2026-11-05",
                 "value_date": "2026-11-05", "amount": "-650.00", "currency": "EUR", "label": "Loyer novembre",
                 "counterparty": "M. Martin", "category": "rent"}""");

        assertThat(zero.warnings()).extracting(FileError::code).contains(ErrorCode.AMOUNT_IS_ZERO);
        assertThat(DELTA.map(Loader.TRANSACTIONS, 0, rentDebit).warnings()).extracting(FileError::code)
                .containsExactly(ErrorCode.RENT_AS_DEBIT);
    }

    // ---------------------------------------------------------------------------------------------- documents

    @Test
    void aDocument_whoseContentMatchesItsSizeAndHash_isMapped_notYetStored() {
        byte[] content = "%PDF-1.4 facture".getBytes(StandardCharsets.UTF_8);

        Document document = (Document) DELTA.map(Loader.DOCUMENTS, 0, document(content, content.length,
                sha256(content), "T-1")).record();

        assertThat(document.sha256()).isEqualTo(sha256(content));
        assertThat(document.sizeBytes()).isEqualTo(content.length);
        assertThat(document.storageKey()).isNull();
        assertThat(Document.decodeBase64(document.contentBase64())).isEqualTo(content);
    }

    @Test
    void aDocumentWhoseContentIsDamaged_isRejected_bySizeThenByHash() {
        byte[] content = "%PDF-1.4 facture".getBytes(StandardCharsets.UTF_8);

        assertRejected(DELTA.map(Loader.DOCUMENTS, 0, document(content, 99, sha256(content), null)),
                ErrorCode.DOCUMENT_SIZE_MISMATCH, "/records/0/size_bytes", "99");
        assertRejected(DELTA.map(Loader.DOCUMENTS, 0, document(content, content.length, "0".repeat(64), null)),
                ErrorCode.DOCUMENT_CHECKSUM_MISMATCH, "/records/0/sha256", "0".repeat(64));
    }

    @Test
    void aDocumentOfAnUnknownTransaction_isRejected() {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);

        assertRejected(DELTA.map(Loader.DOCUMENTS, 5, document(content, 1, sha256(content), "T-404")),
                ErrorCode.DOCUMENT_TRANSACTION_UNKNOWN, "/records/5/transaction_external_id", "T-404");
    }

    // ---------------------------------------------------------------------------------------------- actions

    @Test
    void aRetirement_inADelta_namesTheRecordToRetire() {
        assertThat(DELTA.map(Loader.TRANSACTIONS, 0, json("""
                {"external_id": "T-1", "action": "retire"}""")).record())
                .isEqualTo(new Retirement(Retirement.Kind.TRANSACTION, "T-1"));
    }

    @Test
    void aRetirement_inASnapshot_isRejected_becauseASnapshotRetiresByOmission() {
        RecordMapper snapshot = new RecordMapper(SNAPSHOT_DATE, Mode.SNAPSHOT, KNOWN);

        assertRejected(snapshot.map(Loader.CARACTERISTIQUES, 2, json("""
                {"type": "owner", "external_id": "O-1", "action": "retire"}""")),
                ErrorCode.RETIRE_IN_SNAPSHOT, "/records/2/action", "retire");
    }

    @Test
    void anErasureRequest_carriesTheOwnerTheReferenceAndWhenItWasAsked() {
        assertThat(DELTA.map(Loader.CARACTERISTIQUES, 0, json("""
                {"type": "erasure_request", "owner_external_id": "O-1", "reference": "RGPD-2026-0042",
                 "requested_at": "2026-11-20T10:15:00+01:00"}""")).record())
                .isEqualTo(new ErasureRequest("O-1", "RGPD-2026-0042",
                        OffsetDateTime.parse("2026-11-20T10:15:00+01:00")));
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private static void assertRejected(RecordMapper.Mapped mapped, ErrorCode code, String pointer, String value) {
        assertThat(mapped.record()).isNull();
        assertThat(mapped.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(code);
            assertThat(error.pointer()).isEqualTo(pointer);
            assertThat(error.value()).isEqualTo(value);
            assertThat(error.message().fr()).isNotBlank();
            assertThat(error.message().en()).isNotBlank();
        });
    }

    private static JsonNode property(String fields) {
        return json("""
                {"type": "property", "external_id": "P-2", "owner_external_id": "O-1", "label": "T2 Paradis",
                 "property_type": "apartment", "acquisition_date": "2019-06-14", %s}""".formatted(fields));
    }

    private static JsonNode transaction(String bookedOn, String valueDate, String amount) {
        return json("""
                {"external_id": "T-9", "property_external_id": "P-1", "booked_on": "%s", "value_date": "%s",
                 "amount": "%s", "currency": "EUR", "label": " PRLV  ECHEANCE PRET ", "counterparty": "Banque",
                 "category": "loan_repayment", "bank_account_iban": "FR76 3000 6000 0112 3456 7890 189"}"""
                .formatted(bookedOn, valueDate, amount));
    }

    private static JsonNode document(byte[] content, long size, String sha256, String transaction) {
        return json("""
                {"external_id": "D-1", "property_external_id": "P-1", %s "document_type": "invoice",
                 "file_name": "facture.pdf", "content_type": "application/pdf", "size_bytes": %d,
                 "sha256": "%s", "content_base64": "%s"}""".formatted(
                transaction == null ? "" : "\"transaction_external_id\": \"" + transaction + "\",", size, sha256,
                Base64.getEncoder().encodeToString(content)));
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.partnerFileMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
