package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.ports.SupersededContents;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SupersededContents} on {@code document_contents}. Each partner's due contents are purged in a transaction
 * holding the lock its documents files merge under: a file that found an object in the bucket (and so did not
 * upload it again) commits its rows before the purge looks, or after it has deleted the object and the file's
 * upload found it missing.
 */
public final class PostgresSupersededContents implements SupersededContents {

    /** At most this many objects per partner in one call: the rest stay due for the next. */
    static final int MAX_OBJECTS_PER_PARTNER = 1_000;

    private final Jdbi jdbi;

    public PostgresSupersededContents(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public int purgeDue(Instant supersededBefore, Consumer<String> deleteObject) {
        var before = supersededBefore.atOffset(ZoneOffset.UTC);
        List<String> partners = Database.withTransientFailures("finding superseded document contents",
                () -> jdbi.withHandle(h -> h.createQuery("select distinct partner_id from document_contents "
                                + "where superseded_at < :before order by partner_id")
                        .bind("before", before).mapTo(String.class).list()));
        int deleted = 0;
        for (String partner : partners) {
            deleted += Database.withTransientFailures("purging superseded document contents",
                    () -> jdbi.inTransaction(h -> {
                PostgresIntegrationStore.lockPartnerLoader(h, partner, Loader.DOCUMENTS);
                List<String> keys = h.createQuery("""
                                select storage_key, bool_or(exists (select 1 from documents d
                                    where d.partner_id = c.partner_id and d.storage_key = c.storage_key)) as in_use
                                from document_contents c where partner_id = :partner and superseded_at < :before
                                group by storage_key order by storage_key limit :max""")
                        .bind("partner", partner).bind("before", before).bind("max", MAX_OBJECTS_PER_PARTNER)
                        .map((rs, ctx) -> rs.getBoolean("in_use") ? null : rs.getString("storage_key"))
                        .list().stream().filter(java.util.Objects::nonNull).toList();
                h.createUpdate("""
                                delete from document_contents where partner_id = :partner and superseded_at < :before
                                    and storage_key in (select storage_key from document_contents
                                        where partner_id = :partner and superseded_at < :before
                                        group by storage_key order by storage_key limit :max)""")
                        .bind("partner", partner).bind("before", before).bind("max", MAX_OBJECTS_PER_PARTNER)
                        .execute();
                keys.forEach(deleteObject);
                return keys.size();
            }));
        }
        return deleted;
    }
}
