package com.qlower.loaders.ports;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.ProfileVersion;
import com.qlower.loaders.steps.FileRef;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One file's run, as the integration store records it in {@code ingestion_runs}.
 *
 * @param correction the {@code _NN} of a same-day correction, 0 without one
 * @param deletionGuard how much of the partner's active records a snapshot may retire
 * @param profile the mapping profile the file was read with, or null
 */
public record IngestionRun(
        String runId,
        String partnerId,
        Loader loader,
        Mode mode,
        FileRef file,
        String sha256,
        LocalDate snapshotDate,
        int correction,
        long received,
        long accepted,
        long rejected,
        Instant startedAt,
        DeletionGuard deletionGuard,
        ProfileVersion profile) {

    /** A run of a file read without a mapping profile. */
    public IngestionRun(String runId, String partnerId, Loader loader, Mode mode, FileRef file, String sha256,
                        LocalDate snapshotDate, int correction, long received, long accepted, long rejected,
                        Instant startedAt, DeletionGuard deletionGuard) {
        this(runId, partnerId, loader, mode, file, sha256, snapshotDate, correction, received, accepted, rejected,
                startedAt, deletionGuard, null);
    }

    /** A run under the default deletion guard. */
    public IngestionRun(String runId, String partnerId, Loader loader, Mode mode, FileRef file, String sha256,
                        LocalDate snapshotDate, int correction, long received, long accepted, long rejected,
                        Instant startedAt) {
        this(runId, partnerId, loader, mode, file, sha256, snapshotDate, correction, received, accepted, rejected,
                startedAt, DeletionGuard.DEFAULT);
    }
}
