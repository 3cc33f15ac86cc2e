package com.qlower.loaders.steps;

/**
 * Where a run keeps its intermediate objects in the ingest bucket. Everything under {@code staging/} is
 * working data, removed by a lifecycle rule; the archive under {@code success/} and {@code failure/} is kept.
 */
public final class StagingLayout {

    public static final String STAGING_PREFIX = "staging/";

    private StagingLayout() {
    }

    /** The report as the steps build it; the archiver copies its final form beside the archived file. */
    public static String reportKey(String runId) {
        return STAGING_PREFIX + runId + "/report.json";
    }

    /** Records that passed validation, one JSON object a line, gzipped. */
    public static String validatedKey(String runId) {
        return STAGING_PREFIX + runId + "/validated.jsonl.gz";
    }

    /** Records mapped to the internal model, as the rows the integrator COPYs (the format of StagedRows), gzipped. */
    public static String transformedKey(String runId) {
        return STAGING_PREFIX + runId + "/transformed.rows.gz";
    }
}
