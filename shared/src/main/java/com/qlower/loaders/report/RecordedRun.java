package com.qlower.loaders.report;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.steps.FileOutcome;
import java.time.Instant;

/**
 * One file's run as {@code ingestion_runs} keeps it once the file is integrated or archived: what a daily summary
 * lists.
 *
 * @param partnerId null when the key named no valid partner folder
 * @param loader null when the key could not be parsed
 * @param receivedAt when the validator began reading the file
 * @param outcome {@link FileOutcome#IN_PROGRESS} between the integrator's commit and the archive
 * @param firstError the code of the report's first error, null without one
 * @param archivedKey null until the file is archived
 */
public record RecordedRun(String runId, String partnerId, String loader, String objectKey, Instant receivedAt,
                          FileOutcome outcome, Counts counts, long errorCount, ErrorCode firstError,
                          String archivedKey) {
}
