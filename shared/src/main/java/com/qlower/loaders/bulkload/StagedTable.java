package com.qlower.loaders.bulkload;

import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.TransactionCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of staged record is written as a row of its table: {@code external_id}, then the business columns
 * (the table's, besides {@code partner_id}, {@code external_id} and the bookkeeping columns), in this order, in
 * {@link CopyText}. The partner is never in a row: the integrator takes it from the run. Each kind reads back from
 * its row (for the in-memory store and the tests: the integrator streams the bytes as they are).
 */
public enum StagedTable {

    /** In the order they are merged: owners before the properties that name them. */
    OWNERS("owners", Owner.class, List.of("kind", "first_name", "last_name", "company_name", "display_name", "siren",
            "email", "phone", "address_line1", "address_line2", "postal_code", "city", "country"), r -> {
                Owner o = (Owner) r;
                return concat(List.of(o.kind()), Arrays.asList(o.firstName(), o.lastName(), o.companyName(),
                        o.displayName(), o.siren(), o.email(), o.phone()), address(o.address()));
            }, f -> new Owner(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                    f.get(8), address(f, 9))),
    PROPERTIES("properties", Property.class, List.of("owner_external_id", "label", "address_line1", "address_line2",
            "postal_code", "city", "country", "property_type", "rental_regime", "acquisition_date",
            "acquisition_price_cents", "notary_fees_cents", "agency_fees_cents", "land_share_pct",
            "furniture_value_cents", "surface_m2", "rental_start_date", "total_cost_cents", "depreciable_base_cents"),
            r -> {
                Property p = (Property) r;
                return concat(List.of(p.ownerExternalId(), p.label()), address(p.address()),
                        Arrays.asList(p.propertyType(), p.rentalRegime(), p.acquisitionDate(),
                                p.acquisitionPriceCents(), p.notaryFeesCents(), p.agencyFeesCents(),
                                p.landSharePct(), p.furnitureValueCents(), p.surfaceM2(), p.rentalStartDate(),
                                p.totalCostCents(), p.depreciableBaseCents()));
            }, f -> new Property(f.get(0), f.get(1), f.get(2), address(f, 3), f.get(8), f.get(9), date(f.get(10)),
                    Long.parseLong(f.get(11)), longOrNull(f.get(12)), longOrNull(f.get(13)), decimal(f.get(14)),
                    longOrNull(f.get(15)), decimal(f.get(16)), date(f.get(17)), Long.parseLong(f.get(18)),
                    longOrNull(f.get(19)))),
    TRANSACTIONS("transactions", Transaction.class, List.of("property_external_id", "booked_on", "value_date",
            "amount_cents", "currency", "label", "counterparty", "category", "category_source", "account_code",
            "bank_account_iban", "partner_category"), r -> {
                Transaction t = (Transaction) r;
                return Arrays.asList(t.propertyExternalId(), t.bookedOn(), t.valueDate(), t.amountCents(),
                        t.currency(), t.label(), t.counterparty(), t.category().wireName(), t.categorySource().name(),
                        t.accountCode(), t.bankAccountIban(), t.partnerCategory());
            }, f -> new Transaction(f.get(0), f.get(1), date(f.get(2)), date(f.get(3)), Long.parseLong(f.get(4)),
                    f.get(5), f.get(6), f.get(7), TransactionCategory.fromWireName(f.get(8)),
                    Transaction.CategorySource.valueOf(f.get(9)), f.get(10), f.get(11), f.get(12))),
    /**
     * Documents once their content is in the documents bucket: the integrator writes their rows itself, after the
     * upload (the transformer stages documents whole, content included, as JSON).
     */
    DOCUMENTS("documents", Document.class, List.of("property_external_id", "transaction_external_id",
            "document_type", "file_name", "content_type", "size_bytes", "sha256", "storage_key"), r -> {
                Document d = (Document) r;
                if (d.storageKey() == null) {
                    throw new IllegalArgumentException("document " + d.externalId() + " was not stored");
                }
                return Arrays.asList(d.propertyExternalId(), d.transactionExternalId(), d.documentType(),
                        d.fileName(), d.contentType(), d.sizeBytes(), d.sha256(), d.storageKey());
            }, f -> new Document(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), Long.parseLong(f.get(6)),
                    f.get(7), null, f.get(8))),
    /** A delta's retirements: not a table of their own, applied to the table of their kind. */
    RETIREMENTS("retirements", Retirement.class, List.of("record_kind"),
            r -> List.of(((Retirement) r).recordKind().name()),
            f -> new Retirement(Retirement.Kind.valueOf(f.get(1)), f.get(0)));

    private final String table;
    private final Class<? extends StagedRecord> type;
    private final List<String> columns;
    private final Function<StagedRecord, List<Object>> values;
    private final Function<List<String>, StagedRecord> read;

    StagedTable(String table, Class<? extends StagedRecord> type, List<String> columns,
                Function<StagedRecord, List<Object>> values, Function<List<String>, StagedRecord> read) {
        this.table = table;
        this.type = type;
        this.columns = columns;
        this.values = values;
        this.read = read;
    }

    /** The table's name: {@code owners}, ..., {@code retirements}. */
    public String table() {
        return table;
    }

    /** The business columns, in the order of a row's fields after {@code external_id}. */
    public List<String> columns() {
        return columns;
    }

    public boolean holds(StagedRecord record) {
        return type.isInstance(record);
    }

    /** The table of a kind of record, or null for an erasure request (no table: the integrator applies it). */
    public static StagedTable of(StagedRecord record) {
        for (StagedTable t : values()) {
            if (t.type.isInstance(record)) {
                return t;
            }
        }
        return null;
    }

    /** The table of this name, or null. */
    public static StagedTable named(String table) {
        for (StagedTable t : values()) {
            if (t.table.equals(table)) {
                return t;
            }
        }
        return null;
    }

    /** Writes the record's row into {@code row} (reset first), newline included. */
    public CopyText.Row write(StagedRecord record, CopyText.Row row) {
        row.reset().field(record.externalId());
        for (Object value : values.apply(record)) {
            row.field(value);
        }
        return row.end();
    }

    /** The record a row of this table holds (its fields as {@link CopyText#fields} reads them). */
    public StagedRecord read(List<String> fields) {
        if (fields.size() != columns.size() + 1) {
            throw new IllegalArgumentException("a row of " + table + " has " + fields.size() + " fields, not "
                    + (columns.size() + 1));
        }
        return read.apply(fields);
    }

    private static List<Object> address(Address a) {
        return a == null ? Arrays.asList(null, null, null, null, null)
                : Arrays.asList(a.line1(), a.line2(), a.postalCode(), a.city(), a.country());
    }

    private static Address address(List<String> f, int from) {
        List<String> parts = f.subList(from, from + 5);
        return parts.stream().allMatch(java.util.Objects::isNull) ? null
                : new Address(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static Long longOrNull(String text) {
        return text == null ? null : Long.valueOf(text);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    @SafeVarargs
    private static List<Object> concat(List<?>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<?> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
