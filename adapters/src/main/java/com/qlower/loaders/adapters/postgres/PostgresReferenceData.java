package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.ports.ReferenceData;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/** {@link ReferenceData} on the business tables: one indexed lookup by primary key. */
public final class PostgresReferenceData implements ReferenceData {

    private final Jdbi jdbi;

    public PostgresReferenceData(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean exists(String partnerId, Entity entity, String externalId) {
        String table = switch (entity) {
            case OWNER -> "owners";
            case PROPERTY -> "properties";
            case TRANSACTION -> "transactions";
        };
        return Database.withTransientFailures("looking up a " + table + " row", () -> jdbi.withHandle(h ->
                h.createQuery("select exists (select 1 from " + table + " where partner_id = :partner "
                                + "and external_id = :id and retired_at is null)")
                        .bind("partner", partnerId)
                        .bind("id", externalId)
                        .mapTo(Boolean.class)
                        .one()));
    }

    @Override
    public boolean erased(String partnerId, String ownerExternalId) {
        String hash = OwnerErasure.ownerHash(partnerId, ownerExternalId);
        return Database.withTransientFailures("looking up an erasure", () -> jdbi.withHandle(h ->
                h.createQuery("select exists (select 1 from erasures where partner_id = :partner "
                                + "and owner_hash = :hash and lifted_at is null)")
                        .bind("partner", partnerId)
                        .bind("hash", hash)
                        .mapTo(Boolean.class)
                        .one()));
    }

    @Override
    public boolean hasProcessed(String partnerId, Loader loader, LocalDate onOrAfter) {
        return Database.withTransientFailures("looking up the runs of " + loader.wireName(), () -> jdbi.withHandle(
                h -> h.createQuery("select exists (select 1 from ingestion_runs where partner_id = :partner "
                                + "and loader = :loader and snapshot_date >= :date)")
                        .bind("partner", partnerId)
                        .bind("loader", loader.wireName())
                        .bind("date", onOrAfter)
                        .mapTo(Boolean.class)
                        .one()));
    }
}
