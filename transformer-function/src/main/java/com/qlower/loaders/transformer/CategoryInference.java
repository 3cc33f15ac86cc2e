package com.qlower.loaders.transformer;

import com.qlower.loaders.domain.TransactionCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a transaction's category from its label and counterparty when the partner gave none: whole words of
 * French and English bank labels, accents and case ignored. The first rule that matches wins, so the more specific
 * rules come first (loan interest before loan repayment). Nothing matched is OTHER, for an accountant to classify.
 */
final class CategoryInference {

    private static final Map<TransactionCategory, List<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(TransactionCategory.LOAN_INTEREST, List.of("interets", "interest"));
        WORDS.put(TransactionCategory.PROPERTY_TAX, List.of("taxe fonciere", "taxes foncieres", "impots fonciers",
                "property tax", "dgfip"));
        WORDS.put(TransactionCategory.CONDO_FEES, List.of("copropriete", "copro", "syndic", "appel de fonds",
                "condo"));
        WORDS.put(TransactionCategory.MANAGEMENT_FEES, List.of("honoraires", "frais de gestion", "gestion locative",
                "management fee", "management fees"));
        WORDS.put(TransactionCategory.INSURANCE, List.of("assurance", "assurances", "pno", "gli", "insurance"));
        WORDS.put(TransactionCategory.LOAN_REPAYMENT, List.of("pret", "echeance", "mensualite", "credit immobilier",
                "emprunt", "loan", "mortgage"));
        WORDS.put(TransactionCategory.BANK_FEES, List.of("frais bancaires", "frais de tenue de compte", "agios",
                "cotisation carte", "commission", "bank fee", "bank fees"));
        WORDS.put(TransactionCategory.REPAIRS, List.of("travaux", "reparation", "reparations", "plombier",
                "plomberie", "serrurier", "electricien", "entretien", "repair", "repairs"));
        WORDS.put(TransactionCategory.UTILITIES, List.of("edf", "engie", "electricite", "gaz", "eau", "veolia",
                "suez", "energie", "utilities"));
        WORDS.put(TransactionCategory.FURNITURE, List.of("mobilier", "meuble", "meubles", "electromenager",
                "ikea", "furniture"));
        WORDS.put(TransactionCategory.RENT, List.of("loyer", "loyers", "quittance", "rent"));
    }

    private CategoryInference() {
    }

    static TransactionCategory infer(String label, String counterparty) {
        String text = Normalize.forMatching(label + " " + (counterparty == null ? "" : counterparty));
        for (Map.Entry<TransactionCategory, List<String>> rule : WORDS.entrySet()) {
            for (String word : rule.getValue()) {
                if (text.contains(" " + word + " ")) {
                    return rule.getKey();
                }
            }
        }
        return TransactionCategory.OTHER;
    }
}
