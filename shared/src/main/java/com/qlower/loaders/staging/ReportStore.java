package com.qlower.loaders.staging;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads and writes a run's report in the staging area, where each step completes it. */
public final class ReportStore {

    public static final String CONTENT_TYPE = "application/json";

    private final ObjectStore store;

    public ReportStore(ObjectStore store) {
        this.store = store;
    }

    public RunReport read(String bucket, String runId) {
        return readAt(bucket, StagingLayout.reportKey(runId));
    }

    /** Reads the report under any key: the archive's copy beside the file. */
    public RunReport readAt(String bucket, String key) {
        try (InputStream in = store.open(new FileRef(bucket, key, null))) {
            return ContractJson.internalMapper().readValue(in, RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report " + key, e);
        }
    }

    public void write(String bucket, RunReport report) {
        writeAt(bucket, StagingLayout.reportKey(report.runId()), report);
    }

    /** Writes the report under any key: the archive's copy beside the file. */
    public FileRef writeAt(String bucket, String key, RunReport report) {
        try {
            byte[] json = ContractJson.internalMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
            return store.put(bucket, key, json, CONTENT_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of run " + report.runId(), e);
        }
    }
}
