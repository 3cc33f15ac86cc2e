package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The contract's rules a JSON Schema cannot say, checked on a record its schema accepts: exact money amounts,
 * check digits (IBAN, SIREN), the supported currency, decimals that fit their column, dates not in the future.
 */
final class RulesBeyondSchema {

    private static final Map<String, List<String>> MONEY_FIELDS = Map.of(
            "property", List.of("acquisition_price", "notary_fees", "agency_fees", "furniture_value"),
            "transaction", List.of("amount"));
    private static final String SUPPORTED_CURRENCY = "EUR";

    private final Clock clock;

    RulesBeyondSchema(Clock clock) {
        this.clock = clock;
    }

    /** The money fields of a record type: their schema pattern says little, {@link #checkMoney} says more. */
    static List<String> moneyFields(String type) {
        return MONEY_FIELDS.getOrDefault(type, List.of());
    }

    void check(String type, long index, JsonNode record, List<FileError> errors) {
        switch (type) {
            case "transaction" -> {
                String currency = record.path("currency").asText();
                if (!SUPPORTED_CURRENCY.equals(currency)) {
                    errors.add(FileError.ofRecord(ErrorCode.CURRENCY_UNSUPPORTED,
                            PartnerMessage.CURRENCY_UNSUPPORTED.message(), index, "/currency", currency));
                }
                JsonNode iban = record.get("bank_account_iban");
                if (iban != null && !Checksums.isValidIban(iban.asText())) {
                    errors.add(FileError.ofRecord(ErrorCode.IBAN_INVALID, PartnerMessage.IBAN_INVALID.message(), index, "/bank_account_iban", null));
                }
            }
            case "property" -> {
                for (String field : List.of("land_share_pct", "surface_m2")) {
                    JsonNode value = record.get(field);
                    // stored with 2 decimals: more would be rounded silently
                    if (value != null && value.isNumber() && value.decimalValue().stripTrailingZeros().scale() > 2) {
                        errors.add(FileError.ofRecord(ErrorCode.FIELD_INVALID,
                                PartnerMessage.FIELD_TOO_MANY_DECIMALS.with("field", field), index, "/" + field, value.asText()));
                    }
                }
                LocalDate acquired = LocalDate.parse(record.path("acquisition_date").asText());
                if (acquired.isAfter(LocalDate.now(clock))) {
                    errors.add(FileError.ofRecord(ErrorCode.DATE_IN_FUTURE, PartnerMessage.DATE_IN_FUTURE.message(), index, "/acquisition_date", acquired.toString()));
                }
            }
            case "owner" -> {
                JsonNode siren = record.get("siren");
                if (siren != null && !Checksums.isValidSiren(siren.asText())) {
                    errors.add(FileError.ofRecord(ErrorCode.SIREN_INVALID, PartnerMessage.SIREN_INVALID.message(), index, "/siren", siren.asText()));
                }
            }
            default -> {
                // documents: their content is checked by the transformer, which decodes it
            }
        }
    }

    static void checkMoney(long index, JsonNode record, String field, List<FileError> errors) {
        JsonNode amount = record.get(field);
        if (amount == null) {
            return;
        }
        MoneyAmount.Problem problem = MoneyAmount.check(amount);
        if (problem == MoneyAmount.Problem.NOT_A_NUMBER) {
            if (amount.isTextual()) {
                errors.add(FileError.ofRecord(ErrorCode.FIELD_INVALID,
                        PartnerMessage.FIELD_NOT_A_DECIMAL.with("field", field), index, "/" + field,
                        amount.asText()));
            }
            // any other type was reported by the schema
        } else if (problem == MoneyAmount.Problem.TOO_MANY_DECIMALS) {
            errors.add(FileError.ofRecord(ErrorCode.MONEY_TOO_MANY_DECIMALS,
                    PartnerMessage.MONEY_TOO_MANY_DECIMALS.with("field", field), index, "/" + field, amount.asText()));
        } else if (problem != null) {
            errors.add(FileError.ofRecord(ErrorCode.MONEY_OUT_OF_RANGE, PartnerMessage.MONEY_OUT_OF_RANGE.with(
                    "field", field, "digits", MoneyAmount.MAX_INTEGER_DIGITS), index,
                    "/" + field, amount.asText()));
        }
    }
}
