package com.qlower.loaders.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.IsoDate;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.contract.MoneyAmount;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.Transaction.CategorySource;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Maps a validated contract record to Qlower's internal model: amounts in cents, normalized text and addresses,
 * derived fields, the category inferred where missing; and applies the business rules a record can break on its
 * own. Records reach it already valid against the schema.
 */
public final class RecordMapper {

    /** A value date this long before the booking date is not a bank's doing but an export's mistake. */
    static final int MAX_VALUE_DATE_LEAD_DAYS = 31;

    /**
     * What the records of a file may refer to: what the partner sent before, and the owners of this very file.
     * Null when the checks that need stored data are not run (the offline pre-flight).
     */
    public interface References {
        boolean ownerExists(String externalId);

        boolean propertyExists(String externalId);

        boolean transactionExists(String externalId);

        /** The partner had this owner erased (and the refusal is not lifted): they are not recorded again. */
        boolean ownerErased(String externalId);
    }

    private final LocalDate snapshotDate;
    private final Mode mode;
    private final References references;

    /**
     * @param snapshotDate the file's snapshot date: nothing in it may be booked after it
     * @param mode the file's mode, or null when not known yet (the offline pre-flight reads it after the records)
     * @param references what records may refer to, or null to skip those checks
     */
    public RecordMapper(LocalDate snapshotDate, Mode mode, References references) {
        this.snapshotDate = snapshotDate;
        this.mode = mode;
        this.references = references;
    }

    /** The record in the internal model, or the errors that reject it; warnings do not. */
    public record Mapped(StagedRecord record, List<FileError> errors, List<FileError> warnings) {
    }

    public Mapped map(Loader loader, long index, JsonNode json) {
        String type = RecordValidator.recordTypeOf(loader, json);
        if (RecordValidator.isRetirement(json)) {
            return retirement(index, type, json);
        }
        return switch (type) {
            case "erasure_request" -> ok(new ErasureRequest(text(json, "owner_external_id"), text(json, "reference"),
                    OffsetDateTime.parse(json.path("requested_at").asText())));
            case "owner" -> references != null && references.ownerErased(text(json, "external_id"))
                    ? rejected(ownerErased(index, "/external_id", text(json, "external_id"), false))
                    : ok(owner(json));
            case "property" -> property(index, json);
            case "transaction" -> transaction(index, json);
            case "document" -> document(index, json);
            default -> throw new IllegalArgumentException("record " + index + " was not validated: unknown type");
        };
    }

    private Mapped retirement(long index, String type, JsonNode json) {
        if (mode == Mode.SNAPSHOT) {
            return rejected(FileError.ofRecord(ErrorCode.RETIRE_IN_SNAPSHOT, PartnerMessage.RETIRE_IN_SNAPSHOT.message(),
                    index, "/action", "retire"));
        }
        Retirement.Kind kind = switch (type) {
            case "owner" -> Retirement.Kind.OWNER;
            case "property" -> Retirement.Kind.PROPERTY;
            case "transaction" -> Retirement.Kind.TRANSACTION;
            case "document" -> Retirement.Kind.DOCUMENT;
            default -> throw new IllegalArgumentException("record " + index + " retires a " + type);
        };
        return ok(new Retirement(kind, text(json, "external_id")));
    }

    private static Mapped ok(StagedRecord record) {
        return new Mapped(record, List.of(), List.of());
    }

    private static Owner owner(JsonNode json) {
        boolean person = "person".equals(json.path("kind").asText());
        String firstName = Normalize.text(text(json, "first_name"));
        String lastName = Normalize.text(text(json, "last_name"));
        String companyName = Normalize.text(text(json, "company_name"));
        String displayName = person ? lastName + " " + firstName : companyName;
        return new Owner(text(json, "external_id"), json.path("kind").asText(), firstName, lastName, companyName,
                displayName, text(json, "siren"), Normalize.lower(text(json, "email")),
                Normalize.compact(text(json, "phone")), address(json.get("address")));
    }

    private Mapped property(long index, JsonNode json) {
        LocalDate acquired = IsoDate.parse(json.path("acquisition_date").asText());
        LocalDate rentalStart = date(json, "rental_start_date");
        if (rentalStart != null && rentalStart.isBefore(acquired)) {
            return rejected(FileError.ofRecord(ErrorCode.RENTAL_START_BEFORE_ACQUISITION,
                    PartnerMessage.RENTAL_START_BEFORE_ACQUISITION.message(), index, "/rental_start_date",
                    rentalStart.toString()));
        }
        String owner = text(json, "owner_external_id");
        if (references != null && references.ownerErased(owner)) {
            return rejected(ownerErased(index, "/owner_external_id", owner, true));
        }
        if (references != null && !references.ownerExists(owner)) {
            return rejected(FileError.ofRecord(ErrorCode.PROPERTY_OWNER_UNKNOWN,
                    PartnerMessage.OWNER_UNKNOWN.with("owner", owner), index,
                    "/owner_external_id", owner));
        }
        List<FileError> warnings = new ArrayList<>();
        String regime = text(json, "rental_regime");
        if (("lmnp".equals(regime) || "lmp".equals(regime)) && !json.hasNonNull("furniture_value")) {
            warnings.add(FileError.ofRecord(ErrorCode.FURNISHED_WITHOUT_FURNITURE_VALUE,
                    PartnerMessage.FURNISHED_WITHOUT_FURNITURE_VALUE.with("regime", regime), index, "/furniture_value", null));
        }
        long price = MoneyAmount.toCents(json.get("acquisition_price"));
        Long notary = MoneyAmount.toCentsOrNull(json.get("notary_fees"));
        Long agency = MoneyAmount.toCentsOrNull(json.get("agency_fees"));
        Long furniture = MoneyAmount.toCentsOrNull(json.get("furniture_value"));
        BigDecimal landShare = decimal(json, "land_share_pct");
        long totalCost = price + orZero(notary) + orZero(agency);
        Long depreciableBase = null;
        if (landShare != null) {
            long land = BigDecimal.valueOf(totalCost).multiply(landShare)
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN).longValueExact();
            depreciableBase = totalCost - land - orZero(furniture);
        }
        return new Mapped(new Property(text(json, "external_id"), owner,
                Normalize.text(text(json, "label")), address(json.get("address")), text(json, "property_type"),
                text(json, "rental_regime"), acquired, price, notary, agency, landShare, furniture,
                decimal(json, "surface_m2"), rentalStart, totalCost, depreciableBase), List.of(), warnings);
    }

    private Mapped transaction(long index, JsonNode json) {
        LocalDate bookedOn = IsoDate.parse(json.path("booked_on").asText());
        LocalDate valueDate = IsoDate.parse(json.path("value_date").asText());
        if (valueDate.isBefore(bookedOn.minusDays(MAX_VALUE_DATE_LEAD_DAYS))) {
            return rejected(FileError.ofRecord(ErrorCode.VALUE_DATE_TOO_EARLY,
                    PartnerMessage.VALUE_DATE_TOO_EARLY.with("days", MAX_VALUE_DATE_LEAD_DAYS), index,
                    "/value_date", valueDate.toString()));
        }
        if (snapshotDate != null && bookedOn.isAfter(snapshotDate)) {
            return rejected(FileError.ofRecord(ErrorCode.TRANSACTION_AFTER_SNAPSHOT,
                    PartnerMessage.TRANSACTION_AFTER_SNAPSHOT.with("date", snapshotDate), index, "/booked_on",
                    bookedOn.toString()));
        }
        String property = text(json, "property_external_id");
        if (references != null && !references.propertyExists(property)) {
            return rejected(unknownProperty(ErrorCode.TRANSACTION_PROPERTY_UNKNOWN, index, property));
        }
        String label = Normalize.text(text(json, "label"));
        String counterparty = Normalize.textOrEmpty(text(json, "counterparty"));
        long amountCents = MoneyAmount.toCents(json.get("amount"));
        List<FileError> warnings = new ArrayList<>();
        if (amountCents == 0) {
            warnings.add(FileError.ofRecord(ErrorCode.AMOUNT_IS_ZERO, PartnerMessage.AMOUNT_IS_ZERO.message(), index, "/amount", "0"));
        }
        TransactionCategory category;
        CategorySource source;
        String partnerCategory = null;
        String given = Normalize.text(text(json, "category"));
        java.util.Optional<TransactionCategory> known = given == null ? java.util.Optional.empty()
                : TransactionCategory.known(given);
        if (known.isPresent()) {
            category = known.get();
            source = CategorySource.GIVEN;
        } else if (given != null) {
            // the partner's own word is kept beside the category inferred as if none were given
            partnerCategory = given;
            category = CategoryInference.infer(label, counterparty);
            source = CategorySource.INFERRED;
            warnings.add(FileError.ofRecord(ErrorCode.CATEGORY_UNKNOWN, PartnerMessage.CATEGORY_UNKNOWN.with(
                    "given", given, "category", category.wireName(), "known", knownCategories()), index,
                    "/category", given));
        } else {
            category = CategoryInference.infer(label, counterparty);
            source = CategorySource.INFERRED;
            warnings.add(FileError.ofRecord(ErrorCode.CATEGORY_INFERRED,
                    PartnerMessage.CATEGORY_INFERRED.with("category", category.wireName()), index,
                    "/category", category.wireName()));
        }
        if (category == TransactionCategory.RENT && amountCents < 0) {
            warnings.add(FileError.ofRecord(ErrorCode.RENT_AS_DEBIT, PartnerMessage.RENT_AS_DEBIT.message(), index, "/amount",
                    json.get("amount").asText()));
        }
        Transaction transaction = new Transaction(text(json, "external_id"), property,
                bookedOn, valueDate, amountCents, text(json, "currency"), label,
                counterparty, category, source, category.accountCode(), Normalize.compact(text(json,
                "bank_account_iban")), partnerCategory);
        return new Mapped(transaction, List.of(), warnings);
    }

    private Mapped document(long index, JsonNode json) {
        String property = text(json, "property_external_id");
        if (references != null && !references.propertyExists(property)) {
            return rejected(unknownProperty(ErrorCode.DOCUMENT_PROPERTY_UNKNOWN, index, property));
        }
        String transaction = text(json, "transaction_external_id");
        if (references != null && transaction != null && !references.transactionExists(transaction)) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_TRANSACTION_UNKNOWN,
                    PartnerMessage.TRANSACTION_UNKNOWN.with("transaction", transaction), index,
                    "/transaction_external_id", transaction));
        }
        String base64 = text(json, "content_base64");
        byte[] content;
        try {
            content = Document.decodeBase64(base64);
        } catch (IllegalArgumentException e) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_NOT_BASE64, PartnerMessage.DOCUMENT_NOT_BASE64.message(),
                    index, "/content_base64", null));
        }
        long declaredSize = json.path("size_bytes").asLong();
        if (content.length != declaredSize) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_SIZE_MISMATCH, PartnerMessage.DOCUMENT_SIZE_MISMATCH.with(
                    "actual", content.length, "declared", declaredSize), index,
                    "/size_bytes", Long.toString(declaredSize)));
        }
        String sha256 = sha256Hex(content);
        if (!sha256.equals(text(json, "sha256"))) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_CHECKSUM_MISMATCH,
                    PartnerMessage.DOCUMENT_CHECKSUM_MISMATCH.message(), index, "/sha256",
                    text(json, "sha256")));
        }
        return ok(new Document(text(json, "external_id"), text(json, "property_external_id"),
                text(json, "transaction_external_id"), text(json, "document_type"),
                Normalize.text(text(json, "file_name")), text(json, "content_type"), declaredSize, sha256, base64,
                null));
    }

    private static String knownCategories() {
        return java.util.Arrays.stream(TransactionCategory.values()).map(TransactionCategory::wireName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static FileError unknownProperty(ErrorCode code, long index, String property) {
        return FileError.ofRecord(code, PartnerMessage.PROPERTY_UNKNOWN.with("property", property), index,
                "/property_external_id", property);
    }

    /** The report names the owner by the partner's id only, and asks the partner to stop sending them. */
    private static FileError ownerErased(long index, String pointer, String owner, boolean property) {
        PartnerMessage message = property ? PartnerMessage.PROPERTY_OF_ERASED_OWNER : PartnerMessage.OWNER_ERASED;
        return FileError.ofRecord(ErrorCode.OWNER_ERASED, message.with("owner", owner), index, pointer, owner);
    }

    private static Mapped rejected(FileError error) {
        return new Mapped(null, List.of(error), List.of());
    }

    private static Address address(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        return new Address(Normalize.text(text(json, "line1")), Normalize.text(text(json, "line2")),
                Normalize.upper(text(json, "postal_code")), Normalize.upper(text(json, "city")),
                Normalize.upper(text(json, "country")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate date(JsonNode json, String field) {
        String value = text(json, field);
        return value == null ? null : IsoDate.parse(value);
    }

    private static BigDecimal decimal(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
