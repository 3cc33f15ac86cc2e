package com.qlower.loaders.local;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The partner files the benchmarks generate, written as a stream whatever their size: a caracteristiques snapshot of
 * owners and their properties, and a transactions snapshot on those properties, with the variety of a real bank
 * export (categories given or left to infer, debits and credits, an IBAN on some, labels of every length).
 */
final class BenchmarkFiles {

    private static final String[] LABELS = {
        "VIR SEPA LOYER %s APPT %d", "PRLV SEPA ASSURANCE PNO CONTRAT %d", "PRLV SEPA SYNDIC APPEL DE FONDS T%d",
        "ECHEANCE PRET IMMO %d", "CB BRICO DEPOT REPARATION %d", "PRLV EDF FACTURE %d", "FRAIS TENUE DE COMPTE %d",
        "HONORAIRES GESTION LOCATIVE %d"};
    private static final String[] CATEGORIES = {"rent", "insurance", "condo_fees", "loan_repayment", "repairs",
        "utilities", "bank_fees", "management_fees"};

    private BenchmarkFiles() {
    }

    /** The property every {@code i}-th transaction is on, out of {@code properties}. */
    static String propertyId(long i, int properties) {
        return "PRP-" + (i % properties);
    }

    /**
     * A caracteristiques snapshot: {@code properties} properties, four per owner.
     */
    static void caracteristiques(Path file, String partnerId, LocalDate date, int properties) throws IOException {
        int owners = (properties + 3) / 4;
        try (JsonGenerator json = envelope(file, partnerId, "caracteristiques", date, owners + properties)) {
            for (int o = 0; o < owners; o++) {
                json.writeStartObject();
                json.writeStringField("type", "owner");
                json.writeStringField("external_id", "OWN-" + o);
                json.writeStringField("kind", "person");
                json.writeStringField("first_name", "Camille");
                json.writeStringField("last_name", "Martin-" + o);
                json.writeStringField("email", "owner" + o + "@example.fr");
                json.writeEndObject();
            }
            for (int p = 0; p < properties; p++) {
                json.writeStartObject();
                json.writeStringField("type", "property");
                json.writeStringField("external_id", propertyId(p, properties));
                json.writeStringField("owner_external_id", "OWN-" + p / 4);
                json.writeStringField("label", "Lyon " + (1 + p % 9) + "e - T" + (1 + p % 5) + " lot " + p);
                json.writeObjectFieldStart("address");
                json.writeStringField("line1", (1 + p % 120) + " rue de la République");
                json.writeStringField("postal_code", "6900" + (1 + p % 9));
                json.writeStringField("city", "Lyon");
                json.writeStringField("country", "FR");
                json.writeEndObject();
                json.writeStringField("property_type", "apartment");
                json.writeStringField("rental_regime", "lmnp");
                json.writeStringField("acquisition_date", "2019-06-14");
                json.writeStringField("acquisition_price", "185000.00");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /**
     * A transactions snapshot of {@code count} records on {@code properties} properties; with
     * {@code changedPercent}, that share of them has another label than in the file of {@code changedPercent} 0.
     */
    static void transactions(Path file, String partnerId, LocalDate date, long count, int properties,
                             int changedPercent) throws IOException {
        try (JsonGenerator json = envelope(file, partnerId, "transactions", date, count)) {
            LocalDate day = LocalDate.of(2026, 1, 1); // the same records whatever the snapshot date
            for (long i = 0; i < count; i++) {
                boolean changed = changedPercent > 0 && i % (100 / changedPercent) == 0;
                LocalDate booked = day.plusDays(i % 300);
                int kind = (int) (i % LABELS.length);
                json.writeStartObject();
                json.writeStringField("external_id", "TRX-" + i);
                json.writeStringField("property_external_id", propertyId(i, properties));
                json.writeStringField("booked_on", booked.toString());
                json.writeStringField("value_date", booked.plusDays(i % 3).toString());
                BigDecimal amount = BigDecimal.valueOf((kind == 0 ? 1 : -1) * (1000 + i % 190_000), 2);
                if (i % 2 == 0) {
                    json.writeStringField("amount", amount.toPlainString());
                } else {
                    json.writeNumberField("amount", amount);
                }
                json.writeStringField("currency", "EUR");
                json.writeStringField("label", (changed ? "REGUL " : "")
                        + LABELS[kind].formatted(kind == 0 ? booked.getMonth() : i % 97, i % 9_999));
                json.writeStringField("counterparty", kind == 0 ? "Locataire " + i % 9_973 : "Fournisseur " + i % 97);
                if (i % 5 != 4) {
                    json.writeStringField("category", CATEGORIES[kind]);
                }
                if (i % 3 == 0) {
                    json.writeStringField("bank_account_iban", "FR7630004012340001234567862");
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static JsonGenerator envelope(Path file, String partnerId, String loader, LocalDate date, long count)
            throws IOException {
        JsonGenerator json = ContractJson.partnerFileMapper().getFactory().createGenerator(file.toFile(),
                JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeStringField("schema_version", "1.0");
        json.writeStringField("partner_id", partnerId);
        json.writeStringField("loader", loader);
        json.writeStringField("mode", "snapshot");
        json.writeStringField("snapshot_date", date.toString());
        json.writeStringField("generated_at", date + "T02:00:00Z");
        json.writeNumberField("record_count", count);
        json.writeArrayFieldStart("records");
        return json;
    }
}
