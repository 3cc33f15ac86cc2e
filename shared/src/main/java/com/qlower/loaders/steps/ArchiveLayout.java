package com.qlower.loaders.steps;

import com.qlower.loaders.contract.PartnerFileName;

/**
 * Where a file is archived: {@code success/} or {@code failure/}, then its partner, then its file name with the
 * start of the run id, so that no archive ever overwrites an earlier one; the report beside it, as JSON and as a
 * page.
 * A key naming no valid partner is archived under {@code failure/_unknown/}.
 */
public final class ArchiveLayout {

    public static final String UNKNOWN_PARTNER = "_unknown";
    private static final int RUN_ID_CHARS = 12;

    private final String base;

    public ArchiveLayout(FileOutcome outcome, String partnerId, String runId, String inboxKey) {
        String folder = outcome == FileOutcome.SUCCEEDED ? "success/" : "failure/";
        String fileName = PartnerFileName.fileNameOf(inboxKey);
        String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        this.base = folder + (partnerId == null ? UNKNOWN_PARTNER : partnerId) + "/" + stem + "."
                + runId.substring(0, Math.min(RUN_ID_CHARS, runId.length()));
    }

    public String fileKey() {
        return base + ".json";
    }

    public String reportKey() {
        return reportKeyOf(fileKey());
    }

    public String htmlReportKey() {
        return htmlReportKeyOf(fileKey());
    }

    /** The key of the report archived beside a file. */
    public static String reportKeyOf(String archivedKey) {
        return stemOf(archivedKey) + ".report.json";
    }

    /** The key of the report's page ({@code ReportPage}) archived beside a file. */
    public static String htmlReportKeyOf(String archivedKey) {
        return stemOf(archivedKey) + ".report.html";
    }

    private static String stemOf(String archivedKey) {
        return archivedKey.substring(0, archivedKey.length() - ".json".length());
    }
}
