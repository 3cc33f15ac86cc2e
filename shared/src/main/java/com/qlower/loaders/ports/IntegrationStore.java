package com.qlower.loaders.ports;

import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.bulkload.StagedRows;
import java.util.stream.Stream;

/**
 * Where integrated records live (PostgreSQL).
 *
 * <p>Contract: {@link #integrate} applies one file in one transaction: all its records and its
 * {@code ingestion_runs} row, or nothing. Records are matched by {@code (partner_id, external_id)} within the
 * partner of the run only; a record equal to the stored one is left untouched. Two records of one file with the
 * same external id are refused ({@link DuplicateRecords}) before anything is written; so is a file whose record count
 * differs from the run's accepted count. A snapshot then retires (sets {@code retired_at} on) the partner's
 * active records of its loader that it does not hold, within the run's {@link DeletionGuard}
 * ({@link RetirementRefused});
 * a record it holds again is reactivated. A snapshot older (date, then correction number) than the last one applied
 * is refused ({@link StaleSnapshot}). A file whose content (SHA-256) the partner already sent for the loader is
 * applied like any other, and the earlier file is named ({@link IntegrationCounts#sameContentAs()}): what it
 * changes depends on what came in between. Integrating a run that is already
 * integrated changes nothing and returns the counts of the first time, so a retry after a lost answer is safe. A
 * caracteristiques file that sends an owner whose erasure is in force is refused ({@link ErasedOwnerSent}): the
 * transformer rejects such records, so only a file checked before the erasure committed gets here. A
 * lost connection is thrown as {@link com.qlower.loaders.errors.TransientFailure}, after rolling back. An erasure
 * request deletes, in the same transaction, the owner and everything tied to them, and leaves its S3 work in
 * {@link #pendingPurges}.
 */
public interface IntegrationStore {

    /**
     * Applies a file's staged rows (as the transformer staged them); closes the reader. The records of its
     * {@code RECORDS} sections are read through the reader's mapping (documents stored first).
     */
    IntegrationCounts integrate(IngestionRun run, StagedRows.Reader staged);

    /**
     * Applies records given one by one (the tests, the benchmarks): staged in the transformer's format first, then
     * read as any staged file, so every path reads the one format.
     */
    default IntegrationCounts integrate(IngestionRun run, Stream<? extends StagedRecord> records) {
        return integrate(run, StagedRows.of(records));
    }

    /**
     * The S3 work the run's erasures left and that is not done yet: after a crash, the retry of the run finds what
     * remains. Empty for a run without erasures.
     */
    java.util.List<Purge> pendingPurges(String runId);

    /** Marks one item of S3 work done, and forgets the owner's ids it held. */
    void purged(long purgeId);

    /**
     * A snapshot would retire more of the partner's active records than the deletion guard allows (or it is empty
     * while records exist): nothing of it is applied, unless an operator authorized it.
     */
    class RetirementRefused extends RuntimeException {
        private final String entity;
        private final long wouldRetire;
        private final long active;
        private final DeletionGuard guard;

        public RetirementRefused(String entity, long wouldRetire, long active, DeletionGuard guard) {
            super("the snapshot would retire " + wouldRetire + " of the " + active + " active " + entity
                    + ", beyond the guard of " + guard.percent() + " % or " + guard.records() + " records");
            this.entity = entity;
            this.wouldRetire = wouldRetire;
            this.active = active;
            this.guard = guard;
        }

        public String entity() {
            return entity;
        }

        public long wouldRetire() {
            return wouldRetire;
        }

        public long active() {
            return active;
        }

        public DeletionGuard guard() {
            return guard;
        }
    }

    /** A snapshot older than the last one applied for the partner and loader: applying it would go back in time. */
    class StaleSnapshot extends RuntimeException {
        private final java.time.LocalDate lastDate;
        private final int lastCorrection;

        public StaleSnapshot(java.time.LocalDate lastDate, int lastCorrection) {
            super("a newer snapshot (" + lastDate + (lastCorrection > 0 ? " _" + lastCorrection : "")
                    + ") is already applied");
            this.lastDate = lastDate;
            this.lastCorrection = lastCorrection;
        }

        public java.time.LocalDate lastDate() {
            return lastDate;
        }

        public int lastCorrection() {
            return lastCorrection;
        }
    }

    /**
     * A caracteristiques file sends an owner whose erasure (not lifted) was committed after the file's records were
     * checked: applying it would record the erased person again.
     */
    class ErasedOwnerSent extends RuntimeException {
        private final long records;

        public ErasedOwnerSent(long records) {
            super(records + " records of the file belong to an owner erased meanwhile");
            this.records = records;
        }

        public long records() {
            return records;
        }
    }

    /**
     * A file holds the same external id twice: it cannot be merged. The failure reaches the archiver as the
     * message alone (Step Functions carries a task's error type and message), so {@link #fromMessage} reads the
     * table and the ids back from it, and the partner reads them in their language.
     */
    class DuplicateRecords extends RuntimeException {
        private static final String SAYS = " records appear more than once in the file: ";
        private static final java.util.regex.Pattern MESSAGE = java.util.regex.Pattern.compile(
                "^(\\w+)" + java.util.regex.Pattern.quote(SAYS) + "\\[(.*)\\]$");
        private final String entity;
        private final java.util.List<String> externalIds;

        public DuplicateRecords(String entity, java.util.List<String> externalIds) {
            super(entity + SAYS + externalIds);
            this.entity = entity;
            this.externalIds = java.util.List.copyOf(externalIds);
        }

        /** The failure a message of this class says, or empty for any other text. */
        public static java.util.Optional<DuplicateRecords> fromMessage(String message) {
            java.util.regex.Matcher said = MESSAGE.matcher(message == null ? "" : message);
            if (!said.matches()) {
                return java.util.Optional.empty();
            }
            java.util.List<String> ids = said.group(2).isEmpty() ? java.util.List.of()
                    : java.util.List.of(said.group(2).split(", "));
            return java.util.Optional.of(new DuplicateRecords(said.group(1), ids));
        }

        /** The table whose records repeat an id: owners, properties, transactions or documents. */
        public String entity() {
            return entity;
        }

        /** The repeated ids, the first ten at most. */
        public java.util.List<String> externalIds() {
            return externalIds;
        }
    }
}
