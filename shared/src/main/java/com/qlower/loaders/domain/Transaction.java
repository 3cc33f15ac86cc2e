package com.qlower.loaders.domain;

import java.time.LocalDate;

/**
 * A bank transaction on a property's account. Amount in integer cents, negative for a debit.
 *
 * @param categorySource GIVEN by the partner, or INFERRED from the label
 * @param accountCode the French chart of accounts (PCG) account the category maps to
 * @param partnerCategory the partner's category when the contract does not know it (the category is then
 *     INFERRED); null otherwise
 */
public record Transaction(
        String externalId,
        String propertyExternalId,
        LocalDate bookedOn,
        LocalDate valueDate,
        long amountCents,
        String currency,
        String label,
        String counterparty,
        TransactionCategory category,
        CategorySource categorySource,
        String accountCode,
        String bankAccountIban,
        String partnerCategory) implements StagedRecord {

    /** A transaction whose category, if the partner gave one, is one the contract knows. */
    public Transaction(String externalId, String propertyExternalId, LocalDate bookedOn, LocalDate valueDate,
                       long amountCents, String currency, String label, String counterparty,
                       TransactionCategory category, CategorySource categorySource, String accountCode,
                       String bankAccountIban) {
        this(externalId, propertyExternalId, bookedOn, valueDate, amountCents, currency, label, counterparty,
                category, categorySource, accountCode, bankAccountIban, null);
    }

    public enum CategorySource { GIVEN, INFERRED }
}
