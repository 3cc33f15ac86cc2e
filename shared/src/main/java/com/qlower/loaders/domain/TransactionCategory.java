package com.qlower.loaders.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a transaction is for, and the account of the French chart of accounts (PCG) it is booked to. */
public enum TransactionCategory {
    RENT("706000"),            // prestations de services: loyers
    CONDO_FEES("614000"),      // charges locatives et de copropriété
    PROPERTY_TAX("635120"),    // taxes foncières
    INSURANCE("616000"),       // primes d'assurance
    LOAN_REPAYMENT("164000"),  // emprunts auprès des établissements de crédit
    LOAN_INTEREST("661100"),   // intérêts des emprunts
    REPAIRS("615200"),         // entretien et réparations sur biens immobiliers
    MANAGEMENT_FEES("622600"), // honoraires (gestion locative)
    UTILITIES("606100"),       // fournitures non stockables (eau, énergie)
    BANK_FEES("627000"),       // services bancaires
    FURNITURE("218400"),       // mobilier
    OTHER("471000");           // compte d'attente: an accountant classifies it

    private final String accountCode;

    TransactionCategory(String accountCode) {
        this.accountCode = accountCode;
    }

    public String accountCode() {
        return accountCode;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of this exact wire name, or empty for a partner's own word ("loan", "Loyer"). */
    public static java.util.Optional<TransactionCategory> known(String name) {
        for (TransactionCategory category : values()) {
            if (category.wireName().equals(name)) {
                return java.util.Optional.of(category);
            }
        }
        return java.util.Optional.empty();
    }

    @JsonCreator
    public static TransactionCategory fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
