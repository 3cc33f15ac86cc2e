package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.ports.Purge;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The S3 work erasures leave for after their commit ({@code erasure_purges}): read by run, marked done item by item;
 * an erasure is purged once its last item is done.
 */
final class PostgresPurgeQueue {

    private final Jdbi jdbi;

    PostgresPurgeQueue(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Purge> pending(String runId) {
        return Database.withTransientFailures("reading the erasure work of run " + runId, () -> jdbi.withHandle(
                h -> h.createQuery("""
                                select p.id, p.kind, p.object_key, p.bucket, p.run_id, p.archived_key,
                                    p.owner_external_id, p.property_external_ids
                                from erasure_purges p join erasures e on e.id = p.erasure_id
                                where e.run_id = :run and p.done_at is null order by p.id""")
                        .bind("run", runId)
                        .map((rs, ctx) -> {
                            java.sql.Array properties = rs.getArray(8);
                            return new Purge(rs.getLong(1), Purge.Kind.valueOf(rs.getString(2)), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                    properties == null ? List.of() : List.of((String[]) properties.getArray()));
                        })
                        .list()));
    }

    void done(long purgeId) {
        Database.withTransientFailures("marking erasure work " + purgeId + " done", () -> jdbi.inTransaction(h -> {
            h.createUpdate("update erasure_purges set done_at = now(), owner_external_id = null, "
                    + "property_external_ids = null where id = :id").bind("id", purgeId).execute();
            return h.createUpdate("""
                            update erasures e set purged_at = now()
                            where e.id = (select erasure_id from erasure_purges where id = :id)
                                and not exists (select 1 from erasure_purges p where p.erasure_id = e.id
                                    and p.done_at is null)""")
                    .bind("id", purgeId).execute();
        }));
    }
}
