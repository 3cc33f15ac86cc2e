package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.testing.ReportSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What every archived report must be: true to {@code docs/report.schema.json}, with its page beside it. */
final class ArchivedReports {

    private ArchivedReports() {
    }

    /**
     * The archived JSON holds to the schema; its page (in French: the tests' partners are) shows the same outcome,
     * totals and every error code it lists.
     */
    static void assertConformsWithItsPage(LocalPipeline pipeline, LocalPipeline.FileRun run) throws IOException {
        RunReport report = run.report();
        assertThat(ReportSchema.violations(read(pipeline, run.reportKey()))).as(run.key()).isEmpty();
        String page = new String(read(pipeline, ArchiveLayout.htmlReportKeyOf(report.archivedKey())),
                StandardCharsets.UTF_8);
        assertThat(page).as(run.key()).startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")
                .contains("<p class=\"outcome " + report.outcome() + "\">")
                .contains("<h2>Erreurs (" + report.errors().total() + ")</h2>")
                .contains("<h2>Avertissements (" + report.warnings().total() + ")</h2>");
        for (FileError error : report.errors().first()) {
            assertThat(page).contains("<td><code>" + error.code() + "</code></td>");
        }
    }

    private static byte[] read(LocalPipeline pipeline, String key) throws IOException {
        try (InputStream in = pipeline.store().open(new FileRef(LocalPipeline.INGEST_BUCKET, key, null))) {
            return in.readAllBytes();
        }
    }
}
