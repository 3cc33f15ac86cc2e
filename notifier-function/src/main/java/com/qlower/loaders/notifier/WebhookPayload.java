package com.qlower.loaders.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileOutcome;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The webhook event of a file's end, as documented in the partner guide: {@code loader.file.succeeded} or
 * {@code loader.file.failed}, with the run id, the file, the counts and the report link. Its id is derived from
 * the run, so a repeated Notify sends the same event id and the partner can drop the repeat. No record data.
 */
final class WebhookPayload {

    static final String SUCCEEDED = "loader.file.succeeded";
    static final String FAILED = "loader.file.failed";

    private static final ObjectMapper JSON = ContractJson.internalMapper();

    private WebhookPayload() {
    }

    static WebhookEvent of(RunReport report, ReportLink reportLink) {
        String type = report.outcome() == FileOutcome.SUCCEEDED ? SUCCEEDED : FAILED;
        Instant at = report.finishedAt() != null ? report.finishedAt() : report.receivedAt();
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.put("timestamp", at.toString());
        ObjectNode data = event.putObject("data");
        data.put("run_id", report.runId());
        data.put("partner_id", report.partnerId());
        data.put("loader", report.loader() == null ? null : report.loader().wireName());
        ObjectNode file = data.putObject("file");
        file.put("key", report.file().key());
        file.put("version_id", report.file().versionId());
        file.put("sha256", report.sha256());
        data.put("snapshot_date", report.snapshotDate() == null ? null : report.snapshotDate().toString());
        data.put("outcome", report.outcome().name());
        data.set("counts", JSON.valueToTree(report.counts()));
        data.put("error_count", report.errors().total());
        data.put("warning_count", report.warnings().total());
        data.put("first_error_code", report.errors().first().isEmpty() ? null
                : report.errors().first().get(0).code().name());
        data.put("report_url", reportLink == null ? null : reportLink.url());
        data.put("report_url_expires_at", reportLink == null ? null : reportLink.expiresAt().toString());
        try {
            return new WebhookEvent("msg_" + report.runId(), type, at, JSON.writeValueAsBytes(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
