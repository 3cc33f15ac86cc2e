package com.qlower.loaders.local.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A partner file as the contract sees it, apart from the partner's id: which of the sequence's partners sends it, its
 * loader, mode, snapshot date, {@code _NN} and records. The same file rendered twice gives the same bytes, so a
 * content duplicate is a file with the same content under another {@code _NN}.
 *
 * @param partner the index of the partner in the sequence
 * @param correction the {@code _NN}; 0 is a key without it
 * @param what how the generator came to it, for the printed sequence
 */
public record PartnerFile(int partner, String loader, boolean snapshot, LocalDate date, int correction,
                          List<Rec> records, String what) {

    public static final String CARACTERISTIQUES = "caracteristiques";
    public static final String TRANSACTIONS = "transactions";
    public static final String DOCUMENTS = "documents";

    /** A record of a file. */
    public sealed interface Rec {
    }

    public record Owner(String id, String lastName) implements Rec {
    }

    public record Property(String id, String owner, String label, long priceEuros) implements Rec {
    }

    public record Transaction(String id, String property, long amountCents, String label) implements Rec {
    }

    /**
     * A document of a property (and of one of its transactions, or none), whose content is the bytes of
     * {@link #content()}: two documents with the same content label have the same content, stored once.
     */
    public record Document(String id, String property, String transaction, String content) implements Rec {

        /** The content's bytes: a few bytes of a PDF's header and the label, different for each label. */
        public byte[] bytes() {
            return ("%PDF-1.4 " + content).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The SHA-256 of the content, lower-case hexadecimal, as the file declares it. */
        public String sha256() {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(bytes()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code "action": "retire"}; kind is {@code owner}, {@code property}, {@code transaction} or {@code document}. */
    public record Retire(String kind, String id) implements Rec {
    }

    public record Erasure(String owner) implements Rec {
    }

    /** The same content under another {@code _NN}: the same bytes. */
    public PartnerFile renamed(int newCorrection, String newWhat) {
        return new PartnerFile(partner, loader, snapshot, date, newCorrection, records, newWhat);
    }

    /** The file name, {@code {loader}_{YYYYMMDD}[_{NN}].json}. */
    public String fileName() {
        return loader + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE)
                + (correction == 0 ? "" : String.format("_%02d", correction)) + ".json";
    }

    public byte[] render(String partnerId) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode file = json.objectNode();
        file.put("schema_version", "1.0");
        file.put("partner_id", partnerId);
        file.put("loader", loader);
        file.put("mode", snapshot ? "snapshot" : "delta");
        file.put("snapshot_date", date.toString());
        file.put("generated_at", date + "T02:10:00+01:00");
        file.put("record_count", records.size());
        ArrayNode array = file.putArray("records");
        for (Rec rec : records) {
            ObjectNode r = array.addObject();
            switch (rec) {
                case Owner o -> r.put("type", "owner").put("external_id", o.id()).put("kind", "person")
                        .put("first_name", "Camille").put("last_name", o.lastName());
                case Property p -> {
                    r.put("type", "property").put("external_id", p.id()).put("owner_external_id", p.owner())
                            .put("label", p.label());
                    r.putObject("address").put("line1", "1 rue du Test").put("postal_code", "75001")
                            .put("city", "Paris").put("country", "FR");
                    r.put("property_type", "apartment").put("rental_regime", "nu")
                            .put("acquisition_date", "2019-06-14").put("acquisition_price", p.priceEuros());
                }
                case Transaction t -> r.put("external_id", t.id()).put("property_external_id", t.property())
                        .put("booked_on", "2026-10-01").put("value_date", "2026-10-01")
                        .put("amount", BigDecimal.valueOf(t.amountCents(), 2).toPlainString())
                        .put("currency", "EUR").put("label", t.label()).put("counterparty", "")
                        .put("category", "rent");
                case Document d -> {
                    r.put("external_id", d.id()).put("property_external_id", d.property());
                    if (d.transaction() != null) {
                        r.put("transaction_external_id", d.transaction());
                    }
                    r.put("document_type", "invoice").put("file_name", "facture-" + d.id() + ".pdf")
                            .put("content_type", "application/pdf").put("size_bytes", d.bytes().length)
                            .put("sha256", d.sha256())
                            .put("content_base64", java.util.Base64.getEncoder().encodeToString(d.bytes()));
                }
                case Retire x -> {
                    if (loader.equals(CARACTERISTIQUES)) {
                        r.put("type", x.kind());
                    }
                    r.put("external_id", x.id()).put("action", "retire");
                }
                case Erasure e -> r.put("type", "erasure_request").put("owner_external_id", e.owner())
                        .put("reference", "RGPD-" + e.owner()).put("requested_at", "2026-10-20T14:03:00+01:00");
            }
        }
        try {
            return ContractJson.partnerFileMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: which partner, the key, and what the generator meant by it. */
    @Override
    public String toString() {
        String summary = records.stream().map(r -> switch (r) {
            case Owner o -> "O " + o.id() + "=" + o.lastName();
            case Property p -> "P " + p.id() + "(" + p.owner() + ")=" + p.label() + "/" + p.priceEuros();
            case Transaction t -> "T " + t.id() + "(" + t.property() + ")=" + t.amountCents();
            case Document d -> "D " + d.id() + "(" + d.property() + (d.transaction() == null ? "" : ","
                    + d.transaction()) + ")=" + d.content();
            case Retire x -> "retire " + x.kind() + " " + x.id();
            case Erasure e -> "erase " + e.owner();
        }).collect(Collectors.joining(", "));
        return "partner " + (char) ('a' + partner) + " " + fileName() + " " + (snapshot ? "snapshot" : "delta")
                + " [" + what + "] {" + summary + "}";
    }
}
