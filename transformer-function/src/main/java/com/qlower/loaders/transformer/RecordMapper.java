package com.qlower.loaders.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.MoneyAmount;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.Transaction.CategorySource;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.FileError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Maps a validated contract record to Qlower's internal model: amounts in cents, normalized text and addresses,
 * derived fields, the category inferred where missing; and applies the business rules a record can break on its
 * own. Records reach it already valid against the schema.
 */
final class RecordMapper {

    /** A value date this long before the booking date is not a bank's doing but an export's mistake. */
    static final int MAX_VALUE_DATE_LEAD_DAYS = 31;

    /** The record in the internal model, or the errors that reject it; warnings do not. */
    record Mapped(StagedRecord record, List<FileError> errors, List<FileError> warnings) {
    }

    Mapped map(Loader loader, long index, JsonNode json) {
        return switch (RecordValidator.recordTypeOf(loader, json)) {
            case "owner" -> ok(owner(json));
            case "property" -> property(index, json);
            case "transaction" -> transaction(index, json);
            case "document" -> document(index, json);
            default -> throw new IllegalArgumentException("record " + index + " was not validated: unknown type");
        };
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

    private static Mapped property(long index, JsonNode json) {
        LocalDate acquired = LocalDate.parse(json.path("acquisition_date").asText());
        LocalDate rentalStart = date(json, "rental_start_date");
        if (rentalStart != null && rentalStart.isBefore(acquired)) {
            return rejected(FileError.ofRecord(ErrorCode.RENTAL_START_BEFORE_ACQUISITION,
                    "rental_start_date is before acquisition_date", index, "/rental_start_date",
                    rentalStart.toString()));
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
        return ok(new Property(text(json, "external_id"), text(json, "owner_external_id"),
                Normalize.text(text(json, "label")), address(json.get("address")), text(json, "property_type"),
                text(json, "rental_regime"), acquired, price, notary, agency, landShare, furniture,
                decimal(json, "surface_m2"), rentalStart, totalCost, depreciableBase));
    }

    private static Mapped transaction(long index, JsonNode json) {
        LocalDate bookedOn = LocalDate.parse(json.path("booked_on").asText());
        LocalDate valueDate = LocalDate.parse(json.path("value_date").asText());
        if (valueDate.isBefore(bookedOn.minusDays(MAX_VALUE_DATE_LEAD_DAYS))) {
            return rejected(FileError.ofRecord(ErrorCode.VALUE_DATE_TOO_EARLY, "value_date is more than "
                    + MAX_VALUE_DATE_LEAD_DAYS + " days before booked_on", index, "/value_date", valueDate.toString()));
        }
        String label = Normalize.text(text(json, "label"));
        String counterparty = Normalize.textOrEmpty(text(json, "counterparty"));
        List<FileError> warnings = new ArrayList<>();
        TransactionCategory category;
        CategorySource source;
        if (json.hasNonNull("category")) {
            category = TransactionCategory.fromWireName(json.get("category").asText());
            source = CategorySource.GIVEN;
        } else {
            category = CategoryInference.infer(label, counterparty);
            source = CategorySource.INFERRED;
            warnings.add(FileError.ofRecord(ErrorCode.CATEGORY_INFERRED, "no category given: inferred '"
                    + category.wireName() + "' from the label", index, "/category", category.wireName()));
        }
        Transaction transaction = new Transaction(text(json, "external_id"), text(json, "property_external_id"),
                bookedOn, valueDate, MoneyAmount.toCents(json.get("amount")), text(json, "currency"), label,
                counterparty, category, source, category.accountCode(), Normalize.compact(text(json,
                "bank_account_iban")));
        return new Mapped(transaction, List.of(), warnings);
    }

    private static Mapped document(long index, JsonNode json) {
        String base64 = text(json, "content_base64");
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_NOT_BASE64, "content_base64 is not valid base64",
                    index, "/content_base64", null));
        }
        long declaredSize = json.path("size_bytes").asLong();
        if (content.length != declaredSize) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_SIZE_MISMATCH, "the content is " + content.length
                    + " bytes but size_bytes says " + declaredSize, index, "/size_bytes", Long.toString(declaredSize)));
        }
        String sha256 = sha256Hex(content);
        if (!sha256.equals(text(json, "sha256"))) {
            return rejected(FileError.ofRecord(ErrorCode.DOCUMENT_CHECKSUM_MISMATCH,
                    "the SHA-256 of the content differs from sha256: the content is damaged", index, "/sha256",
                    text(json, "sha256")));
        }
        return ok(new Document(text(json, "external_id"), text(json, "property_external_id"),
                text(json, "transaction_external_id"), text(json, "document_type"),
                Normalize.text(text(json, "file_name")), text(json, "content_type"), declaredSize, sha256, base64,
                null));
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
        return value == null ? null : LocalDate.parse(value);
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
