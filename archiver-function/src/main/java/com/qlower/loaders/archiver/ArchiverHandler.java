package com.qlower.loaders.archiver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveResult;
import com.qlower.loaders.steps.FileOutcome;

/** Lambda entry point of the Archive states: the file to success/ or failure/, its report beside it. */
public class ArchiverHandler implements RequestHandler<ArchiveRequest, ArchiveResult> {

    private final ArchiveService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public ArchiverHandler() {
        this(ColdStart.wire("archiver", ArchiverConfig::fromEnvironment, ArchiverWiring::forAws),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators, from {@link ArchiverWiring}. */
    ArchiverHandler(ArchiveService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public ArchiveResult handleRequest(ArchiveRequest request, Context context) {
        // both, 0 or 1: the failure rate is FilesFailed / (FilesSucceeded + FilesFailed) over any period
        int succeeded = request.outcome() == FileOutcome.SUCCEEDED ? 1 : 0;
        return metrics.measure(MetricsLog.Step.ARCHIVE, request.runId(), request.executionName(),
                request.file().key(), () -> service.archive(request), (result, step) -> step
                        .count(Count.FILES_SUCCEEDED, succeeded).count(Count.FILES_FAILED, 1 - succeeded));
    }
}
