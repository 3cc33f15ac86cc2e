package com.qlower.loaders.contract;

import java.time.Instant;
import java.time.LocalDate;

/** The envelope of a partner file: everything but its records. */
public record Envelope(
        String schemaVersion,
        String partnerId,
        Loader loader,
        Mode mode,
        LocalDate snapshotDate,
        Instant generatedAt,
        long recordCount) {

    public static final String SCHEMA_VERSION = "1.0";
}
