package com.qlower.loaders.audit;

import com.qlower.loaders.report.RunReport;
import java.time.Instant;

/**
 * One interaction with a partner file, for the audit trail ({@code audit_events}): never personal data.
 *
 * @param actor which function ({@code validator}, {@code transformer}…) or operator acted
 * @param detail a short note in English (counts, an error code), never record data
 */
public record AuditEvent(String runId, Action action, String actor, String partnerId, String objectKey,
                         String objectVersion, String sha256, String executionName, String detail, Instant at) {

    public enum Action {
        RECEIVED, DUPLICATE_IGNORED, VALIDATED, REJECTED, TRANSFORMED, INTEGRATED, ARCHIVED, NOTIFIED, ERASED
    }

    /** An interaction with the file a run's report describes. */
    public static AuditEvent of(RunReport report, String executionName, Action action, String actor, String detail,
                                Instant at) {
        return new AuditEvent(report.runId(), action, actor, report.partnerId(), report.file().key(),
                report.file().versionId(), report.sha256(), executionName, detail, at);
    }
}
