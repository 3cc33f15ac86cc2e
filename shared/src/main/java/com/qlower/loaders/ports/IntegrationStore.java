package com.qlower.loaders.ports;

import com.qlower.loaders.domain.StagedRecord;
import java.util.stream.Stream;

/**
 * Where integrated records live (PostgreSQL).
 *
 * <p>Contract: {@link #integrate} applies one file in one transaction: all its records and its
 * {@code ingestion_runs} row, or nothing. Records are matched by {@code (partner_id, external_id)} within the
 * partner of the run only; a record equal to the stored one is left untouched. Two records of one file with the
 * same external id are refused ({@link DuplicateRecords}) before anything is written; so is a file whose record count
 * differs from the run's accepted count. Integrating a run that is already integrated changes nothing and returns
 * the counts of the first time, so a retry after a lost answer is safe. A lost connection is thrown as
 * {@link com.qlower.loaders.errors.TransientFailure}, after rolling back.
 */
public interface IntegrationStore {

    IntegrationCounts integrate(IngestionRun run, Stream<? extends StagedRecord> records);

    /** A file holds the same external id twice: it cannot be merged. */
    class DuplicateRecords extends RuntimeException {
        public DuplicateRecords(String entity, java.util.List<String> externalIds) {
            super(entity + " records appear more than once in the file: " + externalIds);
        }
    }
}
