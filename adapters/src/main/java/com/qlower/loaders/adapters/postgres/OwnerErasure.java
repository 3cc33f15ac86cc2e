package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationStore.ErasedOwnerSent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A partner's erasure requests, inside the integration of the file that carries them: the owner's rows go, an
 * erasure is recorded without personal data, and the S3 work for after the commit is queued
 * ({@link PostgresPurgeQueue}). A file that sends an owner erased meanwhile is refused.
 */
final class OwnerErasure {

    private OwnerErasure() {
    }

    /**
     * The transformer rejects the records of an erased owner; this catches a file it checked before such an erasure
     * committed (the erasing file and this one in flight together). Under the partner's caracteristiques lock, so an
     * erasure commits either before this look or after this file.
     */
    static void refuseErasedOwners(Handle handle, IngestionRun run) {
        long erased = handle.createQuery("""
                        select count(*) from (select external_id as owner from stage_owners
                            union all select owner_external_id from stage_properties) s
                        where exists (select 1 from erasures e where e.partner_id = :partner
                            and e.lifted_at is null
                            and e.owner_hash = encode(sha256(convert_to(:partner || '/' || s.owner, 'UTF8')),
                                'hex'))""")
                .bind("partner", run.partnerId()).mapTo(Long.class).one();
        if (erased > 0) {
            throw new ErasedOwnerSent(erased);
        }
    }

    /**
     * Deletes an owner and everything tied to them for the run's partner: documents rows, transactions and
     * properties of their properties, the owner. Records one erasure (counts and a hash, no personal data) and the
     * S3 work left for after the commit: the document objects no other row points at, and the files that hold the
     * owner's data, found in {@code owner_files}. An owner of whom nothing is left is not erased again.
     */
    static ErasureOutcome erase(Handle handle, IngestionRun run, ErasureRequest request) {
        String partner = run.partnerId();
        String owner = request.externalId();
        String ownerHash = ownerHash(partner, owner);
        List<String> properties = handle.createQuery("select external_id from properties where partner_id = :partner "
                        + "and owner_external_id = :owner order by external_id")
                .bind("partner", partner).bind("owner", owner).mapTo(String.class).list();
        boolean ownerKnown = handle.createQuery("select exists (select 1 from owners where partner_id = :partner "
                        + "and external_id = :owner)")
                .bind("partner", partner).bind("owner", owner).mapTo(Boolean.class).one();
        if (!ownerKnown && properties.isEmpty()) {
            return handle.createQuery("select erased_at from erasures where partner_id = :partner "
                            + "and owner_hash = :hash order by id limit 1")
                    .bind("partner", partner).bind("hash", ownerHash)
                    .mapTo(OffsetDateTime.class).findOne()
                    .map(at -> ErasureOutcome.nothingDone(request.reference(), ErasureOutcome.Status.ALREADY_DONE,
                            at.toInstant()))
                    .orElse(ErasureOutcome.nothingDone(request.reference(), ErasureOutcome.Status.OWNER_UNKNOWN,
                            null));
        }
        List<String> documents = handle.createQuery("delete from documents where partner_id = :partner "
                        + "and property_external_id = any(:properties) returning external_id")
                .bind("partner", partner).bindArray("properties", String.class, properties)
                .mapTo(String.class).list();
        // every content those documents ever had, the superseded ones too (document_contents keeps them all)
        List<String> contentKeys = handle.createQuery("delete from document_contents where partner_id = :partner "
                        + "and external_id = any(:documents) returning storage_key")
                .bind("partner", partner).bindArray("documents", String.class, documents)
                .mapTo(String.class).list();
        long transactions = handle.createUpdate("delete from transactions where partner_id = :partner "
                        + "and property_external_id = any(:properties)")
                .bind("partner", partner).bindArray("properties", String.class, properties).execute();
        long deletedProperties = handle.createUpdate("delete from properties where partner_id = :partner "
                        + "and owner_external_id = :owner")
                .bind("partner", partner).bind("owner", owner).execute();
        long owners = handle.createUpdate("delete from owners where partner_id = :partner and external_id = :owner")
                .bind("partner", partner).bind("owner", owner).execute();
        // the same content is stored once per partner: an object another owner's document points at stays
        List<String> orphanObjects = handle.createQuery("select k from unnest(:keys) as k where not exists "
                        + "(select 1 from documents d where d.partner_id = :partner and d.storage_key = k) "
                        + "group by k order by k")
                .bind("partner", partner).bindArray("keys", String.class, contentKeys)
                .mapTo(String.class).list();
        List<Map<String, Object>> files = handle.createQuery("select f.run_id, r.object_bucket, r.archived_key "
                        + "from owner_files f join ingestion_runs r on r.run_id = f.run_id "
                        + "where f.partner_id = :partner and f.owner_external_id = :owner order by f.run_id")
                .bind("partner", partner).bind("owner", owner).mapToMap().list();
        long erasureId = handle.createQuery("""
                        insert into erasures (partner_id, owner_hash, request_reference, requested_at, erased_at,
                            run_id, owners, properties, transactions, documents, document_objects, files, purged_at)
                        values (:partner, :hash, :reference, :requestedAt, now(), :run, :owners, :properties,
                            :transactions, :documents, :objects, :files, case when :nothingLeft then now() end)
                        returning id""")
                .bind("partner", partner)
                .bind("hash", ownerHash)
                .bind("reference", request.reference())
                .bind("requestedAt", request.requestedAt())
                .bind("run", run.runId())
                .bind("owners", owners)
                .bind("properties", deletedProperties)
                .bind("transactions", transactions)
                .bind("documents", documents.size())
                .bind("objects", orphanObjects.size())
                .bind("files", files.size())
                .bind("nothingLeft", orphanObjects.isEmpty() && files.isEmpty())
                .mapTo(Long.class).one();
        for (String key : orphanObjects) {
            handle.createUpdate("insert into erasure_purges (erasure_id, kind, object_key) "
                            + "values (:erasure, 'DOCUMENT_OBJECT', :key)")
                    .bind("erasure", erasureId).bind("key", key).execute();
        }
        for (Map<String, Object> file : files) {
            handle.createUpdate("""
                            insert into erasure_purges (erasure_id, kind, bucket, run_id, archived_key,
                                owner_external_id, property_external_ids)
                            values (:erasure, 'RUN_FILES', :bucket, :runId, :archivedKey, :owner, :properties)""")
                    .bind("erasure", erasureId)
                    .bind("bucket", (String) file.get("object_bucket"))
                    .bind("runId", (String) file.get("run_id"))
                    .bind("archivedKey", (String) file.get("archived_key"))
                    .bind("owner", owner)
                    .bindArray("properties", String.class, properties)
                    .execute();
        }
        handle.createUpdate("delete from owner_files where partner_id = :partner and owner_external_id = :owner")
                .bind("partner", partner).bind("owner", owner).execute();
        return new ErasureOutcome(request.reference(), ErasureOutcome.Status.APPLIED, null, owners,
                deletedProperties, transactions, documents.size(), orphanObjects.size(), files.size());
    }

    /** Names an owner in the erasure trail without naming them: recognisable, not reversible without the id. */
    static String ownerHash(String partnerId, String ownerExternalId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((partnerId + "/" + ownerExternalId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
