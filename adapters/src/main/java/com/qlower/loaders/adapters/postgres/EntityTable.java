package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of staged record maps to its table: the business columns (besides {@code partner_id},
 * {@code external_id} and the bookkeeping columns) and their values, in the same order.
 */
record EntityTable(String table, Class<? extends StagedRecord> type, List<String> columns,
                   Function<StagedRecord, List<Object>> values) {

    /** In the order they are merged: owners before the properties that name them. */
    static final List<EntityTable> ALL = List.of(
            new EntityTable("owners", Owner.class, List.of("kind", "first_name", "last_name", "company_name",
                    "display_name", "siren", "email", "phone", "address_line1", "address_line2", "postal_code",
                    "city", "country"), r -> {
                        Owner o = (Owner) r;
                        return concat(List.of(o.kind()), Arrays.asList(o.firstName(), o.lastName(), o.companyName(),
                                o.displayName(), o.siren(), o.email(), o.phone()), address(o.address()));
                    }),
            new EntityTable("properties", Property.class, List.of("owner_external_id", "label", "address_line1",
                    "address_line2", "postal_code", "city", "country", "property_type", "rental_regime",
                    "acquisition_date", "acquisition_price_cents", "notary_fees_cents", "agency_fees_cents",
                    "land_share_pct", "furniture_value_cents", "surface_m2", "rental_start_date", "total_cost_cents",
                    "depreciable_base_cents"), r -> {
                        Property p = (Property) r;
                        return concat(List.of(p.ownerExternalId(), p.label()), address(p.address()),
                                Arrays.asList(p.propertyType(), p.rentalRegime(), p.acquisitionDate(),
                                        p.acquisitionPriceCents(), p.notaryFeesCents(), p.agencyFeesCents(),
                                        p.landSharePct(), p.furnitureValueCents(), p.surfaceM2(),
                                        p.rentalStartDate(), p.totalCostCents(), p.depreciableBaseCents()));
                    }),
            new EntityTable("transactions", Transaction.class, List.of("property_external_id", "booked_on",
                    "value_date", "amount_cents", "currency", "label", "counterparty", "category", "category_source",
                    "account_code", "bank_account_iban", "partner_category"), r -> {
                        Transaction t = (Transaction) r;
                        return Arrays.asList(t.propertyExternalId(), t.bookedOn(), t.valueDate(), t.amountCents(),
                                t.currency(), t.label(), t.counterparty(), t.category().wireName(),
                                t.categorySource().name(), t.accountCode(), t.bankAccountIban(),
                                t.partnerCategory());
                    }),
            new EntityTable("documents", Document.class, List.of("property_external_id", "transaction_external_id",
                    "document_type", "file_name", "content_type", "size_bytes", "sha256", "storage_key"), r -> {
                        Document d = (Document) r;
                        if (d.storageKey() == null) {
                            throw new IllegalArgumentException("document " + d.externalId() + " was not stored");
                        }
                        return Arrays.asList(d.propertyExternalId(), d.transactionExternalId(), d.documentType(),
                                d.fileName(), d.contentType(), d.sizeBytes(), d.sha256(), d.storageKey());
                    }));

    /**
     * A delta's retirements: staged like the records, then applied to the table of their kind. Not a table of its
     * own: its stage table is created by hand.
     */
    static final EntityTable RETIREMENTS = new EntityTable("retirements", Retirement.class, List.of("record_kind"),
            r -> List.of(((Retirement) r).recordKind().name()));

    /** The table of the records a retirement names. */
    static EntityTable of(Retirement.Kind kind) {
        return switch (kind) {
            case OWNER -> ALL.get(0);
            case PROPERTY -> ALL.get(1);
            case TRANSACTION -> ALL.get(2);
            case DOCUMENT -> ALL.get(3);
        };
    }

    /** The tables a loader's snapshot covers: what it may retire. */
    static List<EntityTable> ofLoader(com.qlower.loaders.contract.Loader loader) {
        return switch (loader) {
            case CARACTERISTIQUES -> List.of(ALL.get(0), ALL.get(1));
            case TRANSACTIONS -> List.of(ALL.get(2));
            case DOCUMENTS -> List.of(ALL.get(3));
        };
    }

    static EntityTable of(StagedRecord record) {
        if (record instanceof Retirement) {
            return RETIREMENTS;
        }
        return ALL.stream().filter(t -> t.type.isInstance(record)).findFirst().orElseThrow(
                () -> new IllegalArgumentException(record.getClass().getSimpleName() + " is not stored in a table"));
    }

    String stageTable() {
        return "stage_" + table;
    }

    private static List<Object> address(Address a) {
        return a == null ? Arrays.asList(null, null, null, null, null)
                : Arrays.asList(a.line1(), a.line2(), a.postalCode(), a.city(), a.country());
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
