package com.qlower.loaders.domain;

import java.time.LocalDate;

/**
 * A bank transaction on a property's account. Amount in integer cents, negative for a debit.
 *
 * @param categorySource GIVEN by the partner, or INFERRED from the label
 * @param accountCode the French chart of accounts (PCG) account the category maps to
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
        String bankAccountIban) implements StagedRecord {

    public enum CategorySource { GIVEN, INFERRED }
}
