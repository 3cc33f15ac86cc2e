package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.SnapshotRules;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.bulkload.StagedRows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link IntegrationStore} on PostgreSQL. One transaction per file, under a lock per partner and loader, so two files
 * of one partner and loader never merge at the same time. The steps of a file, each in its own class: its row in
 * {@code ingestion_runs} ({@link IngestionRunRows}), its records streamed into stage tables ({@link StageTables}),
 * its erasure requests ({@link OwnerErasure}), the merge ({@link RecordMerge}), and a snapshot's retirement of the
 * records it leaves out ({@link AbsentRecordRetirement}). The S3 work erasures leave is in
 * {@link PostgresPurgeQueue}.
 */
public final class PostgresIntegrationStore implements IntegrationStore {

    private final Jdbi jdbi;
    private final PostgresPurgeQueue purges;

    public PostgresIntegrationStore(Database database) {
        this.jdbi = database.jdbi();
        this.purges = new PostgresPurgeQueue(jdbi);
    }

    @Override
    public IntegrationCounts integrate(IngestionRun run, StagedRows.Reader staged) {
        try (staged) {
            return Database.withTransientFailures("integrating run " + run.runId(),
                    () -> jdbi.inTransaction(handle -> integrateInTransaction(handle, run, staged)));
        }
    }

    @Override
    public List<Purge> pendingPurges(String runId) {
        return purges.pending(runId);
    }

    @Override
    public void purged(long purgeId) {
        purges.done(purgeId);
    }

    /**
     * Takes, until the end of the transaction, the lock under which the files of one partner and loader merge: what
     * else changes their rows or objects (the purge of superseded document contents) takes it too.
     */
    static void lockPartnerLoader(Handle handle, String partnerId, Loader loader) {
        handle.execute("select pg_advisory_xact_lock(hashtext(?))", "integrate/" + partnerId + "/" + loader.wireName());
    }

    private static IntegrationCounts integrateInTransaction(Handle handle, IngestionRun run,
                                                            StagedRows.Reader rows)
            throws SQLException {
        lockPartnerLoader(handle, run.partnerId(), run.loader());
        Optional<IntegrationCounts> earlier = IngestionRunRows.committedCounts(handle, run.runId());
        if (earlier.isPresent()) {
            // a retry after the commit (a timeout, a lost answer): the file is in, and is not merged again
            return earlier.get();
        }
        boolean snapshot = run.mode() == Mode.SNAPSHOT;
        if (snapshot) {
            AbsentRecordRetirement.refuseIfStale(handle, run);
        }
        // the same content again (under another key or date) is applied like any file: an earlier file's content
        // sent after a correction brings that content back, and applying the very last file again changes nothing.
        // It is only noted, for the report.
        String sameContentAs = IngestionRunRows.sameContentAs(handle, run);
        IngestionRunRows.recordStarted(handle, run);
        StageTables.create(handle, run.partnerId());
        StageTables.Staged staged = StageTables.copy(handle, rows);
        Map<EntityTable, Long> activeBefore = snapshot ? AbsentRecordRetirement.activeRows(handle, run) : Map.of();
        // erasures first: what they delete is not the file's to merge (the transformer refuses a file that erases an
        // owner it also sends)
        List<ErasureOutcome> erasures = new ArrayList<>();
        for (ErasureRequest request : staged.erasureRequests()) {
            erasures.add(OwnerErasure.erase(handle, run, request));
        }
        if (run.loader() == Loader.CARACTERISTIQUES) {
            OwnerErasure.refuseErasedOwners(handle, run);
        }
        long inserted = 0;
        long updated = 0;
        for (EntityTable table : staged.counts().keySet()) {
            if (table != EntityTable.RETIREMENTS) {
                RecordMerge.Merged merged = RecordMerge.merge(handle, run, table);
                updated += merged.updated();
                inserted += merged.inserted();
            }
        }
        if (staged.count(EntityTable.of(Retirement.Kind.DOCUMENT)) > 0) {
            RecordMerge.recordDocumentContents(handle);
        }
        long retiredOnRequest = staged.count(EntityTable.RETIREMENTS) == 0 ? 0 : RecordMerge.retireListed(handle, run);
        long total = staged.total();
        if (total != run.accepted()) {
            // checked before commit: a file whose records went missing on the way is not half-applied
            throw new IllegalStateException("run " + run.runId() + " accepted " + run.accepted()
                    + " records but " + total + " reached the database");
        }
        boolean retirementSkipped = snapshot && !SnapshotRules.retiresAbsentRecords(run.rejected());
        long retired = snapshot && !retirementSkipped
                ? AbsentRecordRetirement.retireAbsent(handle, run, activeBefore) : 0;
        RecordMerge.recordOwnerFiles(handle, run);
        // a retirement of a record unknown or already retired changes nothing: it counts as unchanged
        long unchanged = total - inserted - updated - retiredOnRequest - erasures.size();
        IntegrationCounts counts = new IntegrationCounts(inserted, updated, unchanged, retired + retiredOnRequest,
                retirementSkipped, sameContentAs, erasures);
        IngestionRunRows.recordCounts(handle, run, counts);
        return counts;
    }
}
