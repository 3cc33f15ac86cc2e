package com.qlower.loaders.ports;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.steps.FileRef;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One file's run, as the integration store records it in {@code ingestion_runs}.
 *
 * @param correction the {@code _NN} of a same-day correction, 0 without one
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
        Instant startedAt) {
}
