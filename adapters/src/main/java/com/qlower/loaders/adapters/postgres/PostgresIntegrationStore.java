package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * {@link IntegrationStore} on PostgreSQL. Records are streamed with {@code COPY} into temporary stage tables, then
 * merged: an {@code UPDATE} of the rows whose values differ ({@code IS DISTINCT FROM}, so unchanged rows keep their
 * {@code updated_at}) and an {@code INSERT} of the new ones. Memory does not grow with the file. One transaction per
 * file, under a lock per partner and loader, so two files of one partner and loader never merge at the same time.
 */
public final class PostgresIntegrationStore implements IntegrationStore {

    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private final Jdbi jdbi;

    public PostgresIntegrationStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public IntegrationCounts integrate(IngestionRun run, Stream<? extends StagedRecord> records) {
        return Database.withTransientFailures("integrating run " + run.runId(),
                () -> jdbi.inTransaction(handle -> integrateInTransaction(handle, run, records)));
    }

    private IntegrationCounts integrateInTransaction(Handle handle, IngestionRun run,
                                                     Stream<? extends StagedRecord> records) throws SQLException {
        lockPartnerLoader(handle, run.partnerId(), run.loader());
        var earlier = handle.createQuery("select inserted, updated, unchanged, retired from ingestion_runs "
                        + "where run_id = :run and status in ('INTEGRATED', 'SUCCEEDED')")
                .bind("run", run.runId())
                .map((rs, ctx) -> new IntegrationCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .findOne();
        if (earlier.isPresent()) {
            // a retry after the commit (a timeout, a lost answer): the file is in, and is not merged again
            records.close();
            return earlier.get();
        }
        if (run.mode() == Mode.SNAPSHOT) {
            refuseIfStale(handle, run);
        }
        // the same content again (under another key or date) is applied like any file: an earlier file's content
        // sent after a correction brings that content back, and applying the very last file again changes nothing.
        // It is only noted, for the report.
        String sameContentAs = handle.createQuery("""
                        select object_key from ingestion_runs where partner_id = :partner and loader = :loader
                            and sha256 = :sha256 and run_id <> :run and status in ('INTEGRATED', 'SUCCEEDED')
                        order by started_at limit 1""")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("sha256", run.sha256())
                .bind("run", run.runId())
                .mapTo(String.class)
                .findOne().orElse(null);
        recordRunStarted(handle, run);
        for (EntityTable table : EntityTable.ALL) {
            handle.execute("create temp table " + table.stageTable() + " on commit drop as select partner_id, "
                    + "external_id, " + String.join(", ", table.columns()) + " from " + table.table()
                    + " with no data");
        }
        handle.execute("create temp table " + EntityTable.RETIREMENTS.stageTable()
                + " (partner_id text, external_id text, record_kind text) on commit drop");
        List<ErasureRequest> erasureRequests = new ArrayList<>();
        Map<EntityTable, Long> staged = copyToStage(handle, run, records, erasureRequests);
        // the deletion guard's share is of the records the partner had active before this file, not of those the
        // snapshot itself adds or brings back (which would let a snapshot re-keying its records retire the old ones)
        Map<EntityTable, Long> activeBefore = run.mode() == Mode.SNAPSHOT ? activeRows(handle, run) : Map.of();
        // erasures first: what they delete is not the file's to merge (the transformer refuses a file that erases an
        // owner it also sends)
        List<ErasureOutcome> erasures = new ArrayList<>();
        for (ErasureRequest request : erasureRequests) {
            erasures.add(erase(handle, run, request));
        }
        if (run.loader() == com.qlower.loaders.contract.Loader.CARACTERISTIQUES) {
            refuseErasedOwners(handle, run);
        }
        long inserted = 0;
        long updated = 0;
        for (Map.Entry<EntityTable, Long> entry : staged.entrySet()) {
            EntityTable table = entry.getKey();
            if (table == EntityTable.RETIREMENTS) {
                continue;
            }
            refuseDuplicates(handle, table);
            handle.execute("analyze " + table.stageTable());
            updated += handle.createUpdate(updateChanged(table)).bind("run", run.runId()).execute();
            inserted += handle.createUpdate(insertNew(table)).bind("run", run.runId()).execute();
        }
        if (staged.containsKey(EntityTable.of(Retirement.Kind.DOCUMENT))) {
            recordDocumentContents(handle);
        }
        long listedRetirements = staged.getOrDefault(EntityTable.RETIREMENTS, 0L);
        long retiredOnRequest = listedRetirements == 0 ? 0 : retireListed(handle, run);
        long total = staged.values().stream().mapToLong(Long::longValue).sum() + erasureRequests.size();
        if (total != run.accepted()) {
            // checked before commit: a file whose records went missing on the way is not half-applied
            throw new IllegalStateException("run " + run.runId() + " accepted " + run.accepted()
                    + " records but " + total + " reached the database");
        }
        long retired = 0;
        boolean retirementSkipped = run.mode() == Mode.SNAPSHOT && run.rejected() > 0;
        if (run.mode() == Mode.SNAPSHOT && !retirementSkipped) {
            retired = retireAbsent(handle, run, activeBefore);
        }
        recordOwnerFiles(handle, run);
        // a retirement of a record unknown or already retired changes nothing: it counts as unchanged
        long unchanged = total - inserted - updated - retiredOnRequest - erasureRequests.size();
        IntegrationCounts counts = new IntegrationCounts(inserted, updated, unchanged, retired + retiredOnRequest,
                retirementSkipped, sameContentAs, erasures);
        recordCounts(handle, run, counts);
        return counts;
    }

    /**
     * Notes the content each staged document points at ({@code document_contents}), and marks superseded the
     * contents those documents pointed at before: an erasure finds them all, the purge of superseded content
     * removes them once their retention is over.
     */
    private static void recordDocumentContents(Handle handle) {
        handle.execute("""
                update document_contents c set superseded_at = now() from stage_documents s
                where c.partner_id = s.partner_id and c.external_id = s.external_id
                    and c.storage_key <> s.storage_key and c.superseded_at is null""");
        handle.execute("""
                insert into document_contents (partner_id, external_id, storage_key)
                select partner_id, external_id, storage_key from stage_documents
                on conflict (partner_id, external_id, storage_key) do update set superseded_at = null
                    where document_contents.superseded_at is not null""");
    }

    /**
     * Takes, until the end of the transaction, the lock under which the files of one partner and loader merge: what
     * else changes their rows or objects (the purge of superseded document contents) takes it too.
     */
    static void lockPartnerLoader(Handle handle, String partnerId, com.qlower.loaders.contract.Loader loader) {
        handle.execute("select pg_advisory_xact_lock(hashtext(?))", "integrate/" + partnerId + "/" + loader.wireName());
    }

    /**
     * The transformer rejects the records of an erased owner; this catches a file it checked before such an erasure
     * committed (the erasing file and this one in flight together). Under the partner's caracteristiques lock, so an
     * erasure commits either before this look or after this file.
     */
    private static void refuseErasedOwners(Handle handle, IngestionRun run) {
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

    /** A delta's {@code "action": "retire"} records: their rows are retired, if active. */
    private static long retireListed(Handle handle, IngestionRun run) {
        long retired = 0;
        for (Retirement.Kind kind : Retirement.Kind.values()) {
            EntityTable table = EntityTable.of(kind);
            retired += handle.createUpdate("update " + table.table() + " t set retired_at = now(), updated_at = now(), "
                            + "last_run_id = :run from " + EntityTable.RETIREMENTS.stageTable() + " s "
                            + "where s.record_kind = :kind and t.partner_id = s.partner_id "
                            + "and t.external_id = s.external_id and t.retired_at is null")
                    .bind("run", run.runId())
                    .bind("kind", kind.name())
                    .execute();
        }
        return retired;
    }

    /**
     * Notes which owners the file's records belong to ({@code owner_files}): the owners and properties of a
     * caracteristiques file, the owners of the properties of transactions and documents. An erasure reads it to
     * find the files to purge.
     */
    private static void recordOwnerFiles(Handle handle, IngestionRun run) {
        String owners = switch (run.loader()) {
            case CARACTERISTIQUES -> "select external_id as owner from stage_owners "
                    + "union select owner_external_id from stage_properties";
            case TRANSACTIONS -> "select p.owner_external_id as owner from stage_transactions s join properties p "
                    + "on p.partner_id = s.partner_id and p.external_id = s.property_external_id";
            case DOCUMENTS -> "select p.owner_external_id as owner from stage_documents s join properties p "
                    + "on p.partner_id = s.partner_id and p.external_id = s.property_external_id";
        };
        handle.createUpdate("insert into owner_files (partner_id, owner_external_id, run_id) "
                        + "select distinct :partner, x.owner, :run from (" + owners + ") x "
                        + "on conflict do nothing")
                .bind("partner", run.partnerId())
                .bind("run", run.runId())
                .execute();
    }

    /**
     * Deletes an owner and everything tied to them for the run's partner: documents rows, transactions and
     * properties of their properties, the owner. Records one erasure (counts and a hash, no personal data) and the
     * S3 work left for after the commit: the document objects no other row points at, and the files that hold the
     * owner's data, found in {@code owner_files}. An owner of whom nothing is left is not erased again.
     */
    private static ErasureOutcome erase(Handle handle, IngestionRun run, ErasureRequest request) {
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
                    .mapTo(java.time.OffsetDateTime.class).findOne()
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
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((partnerId + "/" + ownerExternalId).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Purge> pendingPurges(String runId) {
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

    @Override
    public void purged(long purgeId) {
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

    private static void recordCounts(Handle handle, IngestionRun run, IntegrationCounts counts) {
        handle.createUpdate("update ingestion_runs set inserted = :inserted, updated = :updated, "
                        + "unchanged = :unchanged, retired = :retired, erased = :erased where run_id = :run")
                .bind("erased", counts.erased())
                .bind("inserted", counts.inserted())
                .bind("updated", counts.updated())
                .bind("unchanged", counts.unchanged())
                .bind("retired", counts.retired())
                .bind("run", run.runId())
                .execute();
    }

    /** Snapshots apply in order of date, then correction number: an older one arriving late is refused. */
    private static void refuseIfStale(Handle handle, IngestionRun run) {
        handle.createQuery("""
                        select snapshot_date, correction from ingestion_runs where partner_id = :partner
                            and loader = :loader and mode = 'snapshot' and status in ('INTEGRATED', 'SUCCEEDED')
                            and run_id <> :run
                        order by snapshot_date desc, correction desc limit 1""")
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("run", run.runId())
                .map((rs, ctx) -> new StaleSnapshot(rs.getObject(1, java.time.LocalDate.class), rs.getInt(2)))
                .findOne()
                .filter(last -> run.snapshotDate().isBefore(last.lastDate())
                        || (run.snapshotDate().equals(last.lastDate()) && run.correction() < last.lastCorrection()))
                .ifPresent(last -> {
                    throw last;
                });
    }

    /**
     * Retires the partner's active records of the snapshot's tables that the snapshot does not hold, checking the
     * deletion guard of every table before touching any. An open operator authorization for this partner, loader and
     * snapshot date lifts the guard once.
     */
    private long retireAbsent(Handle handle, IngestionRun run, Map<EntityTable, Long> activeBefore) {
        List<EntityTable> tables = EntityTable.ofLoader(run.loader());
        for (EntityTable table : tables) {
            // the merge may have just filled the table: without fresh statistics the planner takes it for empty
            // and answers the anti-joins below with nested loops, quadratic on a first load
            handle.execute("analyze " + table.table());
        }
        boolean authorized = handle.createUpdate("""
                        update retirement_authorizations set used_by_run_id = :run
                        where id = (select id from retirement_authorizations where partner_id = :partner
                            and loader = :loader and snapshot_date = :date and used_by_run_id is null
                            order by id limit 1)""")
                .bind("run", run.runId())
                .bind("partner", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("date", run.snapshotDate())
                .execute() > 0;
        if (!authorized) {
            for (EntityTable table : tables) {
                long active = activeBefore.get(table);
                long absent = handle.createQuery("select count(*) " + absentFrom(table))
                        .bind("partner", run.partnerId()).mapTo(Long.class).one();
                if (run.deletionGuard().refuses(absent, active)) {
                    throw new RetirementRefused(table.table(), absent, active, run.deletionGuard());
                }
            }
        }
        long retired = 0;
        for (EntityTable table : tables) {
            retired += handle.createUpdate("update " + table.table() + " set retired_at = now(), updated_at = now(), "
                            + "last_run_id = :run where (partner_id, external_id) in (select t.partner_id, "
                            + "t.external_id " + absentFrom(table) + ")")
                    .bind("run", run.runId()).bind("partner", run.partnerId()).execute();
        }
        return retired;
    }

    /** The partner's active rows of each table of the run's loader. */
    private static Map<EntityTable, Long> activeRows(Handle handle, IngestionRun run) {
        Map<EntityTable, Long> active = new java.util.HashMap<>();
        for (EntityTable table : EntityTable.ofLoader(run.loader())) {
            active.put(table, handle.createQuery("select count(*) from " + table.table()
                            + " where partner_id = :partner and retired_at is null")
                    .bind("partner", run.partnerId()).mapTo(Long.class).one());
        }
        return active;
    }

    /** The partner's active rows of a table that the staged snapshot does not hold. */
    private static String absentFrom(EntityTable table) {
        return "from " + table.table() + " t where t.partner_id = :partner and t.retired_at is null "
                + "and not exists (select 1 from " + table.stageTable() + " s where s.external_id = t.external_id)";
    }

    private static void recordRunStarted(Handle handle, IngestionRun run) {
        handle.createUpdate("""
                        insert into ingestion_runs (run_id, partner_id, loader, object_bucket, object_key,
                            object_version, sha256, snapshot_date, correction, mode, status, received, accepted,
                            rejected, started_at, profile_id, profile_version)
                        values (:runId, :partnerId, :loader, :bucket, :key, :version, :sha256, :snapshotDate,
                            :correction, :mode, 'INTEGRATED', :received, :accepted, :rejected, :startedAt,
                            :profileId, :profileVersion)
                        on conflict (run_id) do update set status = 'INTEGRATED', received = excluded.received,
                            accepted = excluded.accepted, rejected = excluded.rejected""")
                .bind("runId", run.runId())
                .bind("partnerId", run.partnerId())
                .bind("loader", run.loader().wireName())
                .bind("bucket", run.file().bucket())
                .bind("key", run.file().key())
                .bind("version", run.file().versionId())
                .bind("sha256", run.sha256())
                .bind("snapshotDate", run.snapshotDate())
                .bind("correction", run.correction())
                .bind("mode", run.mode().wireName())
                .bind("received", run.received())
                .bind("accepted", run.accepted())
                .bind("rejected", run.rejected())
                .bind("startedAt", run.startedAt().atOffset(java.time.ZoneOffset.UTC))
                .bind("profileId", run.profile() == null ? null : run.profile().profileId())
                .bind("profileVersion", run.profile() == null ? null : run.profile().version())
                .execute();
    }

    /** COPYs each record into its stage table; switches COPY when the kind of record changes. */
    private static Map<EntityTable, Long> copyToStage(Handle handle, IngestionRun run,
                                                      Stream<? extends StagedRecord> records,
                                                      List<ErasureRequest> erasures) throws SQLException {
        PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
        Map<EntityTable, Long> counts = new LinkedHashMap<>();
        EntityTable.ALL.forEach(t -> counts.put(t, 0L));
        counts.put(EntityTable.RETIREMENTS, 0L);
        var copy = new Object() {
            EntityTable table;
            PGCopyOutputStream stream;
            OutputStream out;

            void switchTo(EntityTable next) throws SQLException, IOException {
                close();
                table = next;
                stream = new PGCopyOutputStream(pg, "copy " + next.stageTable() + " (partner_id, external_id, "
                        + String.join(", ", next.columns()) + ") from stdin (format csv)");
                out = new BufferedOutputStream(stream, COPY_BUFFER_BYTES);
            }

            void close() throws IOException {
                if (out != null) {
                    out.close();
                    out = null;
                }
            }

            /** A COPY left open would make the rollback wait on the connection forever. */
            void cancel() {
                if (stream != null && stream.isActive()) {
                    try {
                        stream.cancelCopy();
                    } catch (SQLException ignored) {
                        // the transaction is rolled back anyway
                    }
                }
            }
        };
        try (records) {
            for (var iterator = records.iterator(); iterator.hasNext(); ) {
                StagedRecord record = iterator.next();
                if (record instanceof ErasureRequest erasure) {
                    erasures.add(erasure); // a few per file: kept in memory, applied before the merge
                    continue;
                }
                EntityTable table = EntityTable.of(record);
                if (table != copy.table) {
                    copy.switchTo(table);
                }
                copy.out.write(csvLine(run.partnerId(), record, table));
                counts.merge(table, 1L, Long::sum);
            }
            copy.close();
        } catch (IOException e) {
            copy.cancel();
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    private static byte[] csvLine(String partnerId, StagedRecord record, EntityTable table) {
        StringBuilder line = new StringBuilder(256);
        // the partner comes from the run, never from the data: a file cannot write into another partner's rows
        appendCsv(line, partnerId);
        line.append(',');
        appendCsv(line, record.externalId());
        for (Object value : table.values().apply(record)) {
            line.append(',');
            appendCsv(line, value);
        }
        line.append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendCsv(StringBuilder line, Object value) {
        if (value == null) {
            return; // an unquoted empty field is NULL in CSV COPY
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    private static void refuseDuplicates(Handle handle, EntityTable table) {
        List<String> duplicates = handle.createQuery("select external_id from " + table.stageTable()
                        + " group by external_id having count(*) > 1 order by external_id limit 10")
                .mapTo(String.class).list();
        if (!duplicates.isEmpty()) {
            throw new DuplicateRecords(table.table(), duplicates);
        }
    }

    private static String updateChanged(EntityTable table) {
        String columns = String.join(", ", table.columns());
        String staged = prefixed("s.", table.columns());
        return "update " + table.table() + " t set (" + columns + ") = (" + staged + "), updated_at = now(), "
                + "last_run_id = :run, retired_at = null from " + table.stageTable() + " s "
                + "where t.partner_id = s.partner_id and t.external_id = s.external_id "
                + "and ((" + prefixed("t.", table.columns()) + ") is distinct from (" + staged + ") "
                + "or t.retired_at is not null)";
    }

    /**
     * The new rows. The rows that exist were updated or left alone just before; the primary key turns them away one
     * index lookup each. (An anti-join here would be planned against the table's statistics from before this
     * statement, which on a first load say "empty": a sequential scan per staged row.)
     */
    private static String insertNew(EntityTable table) {
        return "insert into " + table.table() + " (partner_id, external_id, " + String.join(", ", table.columns())
                + ", created_at, updated_at, last_run_id) select s.partner_id, s.external_id, "
                + prefixed("s.", table.columns()) + ", now(), now(), :run from " + table.stageTable() + " s "
                + "on conflict (partner_id, external_id) do nothing";
    }

    private static String prefixed(String prefix, List<String> columns) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }
}
