package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.NotifyResult;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code ./loaders run} and {@code ./loaders redrive} print of one file's run: its outcome and counts, where
 * its report is, whom it notified, and its first errors.
 */
final class FileRunSummary {

    private FileRunSummary() {
    }

    /** {@code 1 error}, {@code 2 errors}, {@code 0 errors}. */
    static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String of(LocalPipeline.FileRun run, LocalPipeline pipeline) {
        RunReport report = run.report();
        Counts c = report.counts();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%-9s %s  received %d, accepted %d, rejected %d; inserted %d, updated %d, unchanged %d%s; "
                        + "%s, %s  %.1f s",
                report.outcome(), run.key(), c.received(), c.accepted(), c.rejected(), c.inserted(), c.updated(),
                c.unchanged(), c.retired() == 0 ? "" : ", retired " + c.retired(),
                counted(report.errors().total(), "error"), counted(report.warnings().total(), "warning"),
                run.took().toMillis() / 1000.0));
        if (run.reportKey() != null) {
            String pageKey = ArchiveLayout.htmlReportKeyOf(report.archivedKey());
            Path onDisk = pipeline.localPathOf(pageKey);
            line.append("\n          report: ").append(onDisk != null ? onDisk : pageKey)
                    .append("  (and .report.json beside it)");
        } else {
            line.append("\n          not archived: execution ").append(run.execution().status()).append(' ')
                    .append(run.execution().error());
        }
        JsonNode notified = run.execution().output() == null ? null : run.execution().output().get("notify");
        if (notified != null) {
            line.append("\n          notified: email ").append(notified.path("email").asText())
                    .append(", webhook ").append(notified.path("webhook").asText());
            NotifyResult.EmailResult email = NotifyResult.EmailResult.valueOf(notified.path("email").asText());
            if (email == NotifyResult.EmailResult.SENT) {
                line.append(" (emails in ").append(pipeline.emailsFolder()).append(')');
            }
        }
        for (FileError error : report.errors().first().stream().limit(3).toList()) {
            line.append("\n          ").append(error.code()).append(": ").append(error.message().en());
            if (error.pointer() != null) {
                line.append(" at ").append(error.pointer());
            }
            if (error.line() != null) {
                line.append(" at line ").append(error.line()).append(", column ").append(error.column());
            }
        }
        if (report.errors().total() > 3) {
            line.append("\n          ... and ").append(report.errors().total() - 3).append(" more in the report");
        }
        return line.toString();
    }
}
