package com.qlower.loaders.ports;

import java.util.List;

/**
 * S3 work an erasure leaves for after its commit: removing a document's object (every version), or purging the
 * staged and archived files of one run that hold the erased owner's data. Done once, then marked done; the owner's
 * ids it carries are cleared then.
 *
 * @param objectKey DOCUMENT_OBJECT: the key in the documents bucket
 * @param bucket RUN_FILES: the ingest bucket of the run
 * @param runId RUN_FILES: the run whose staged files and archive to purge
 * @param archivedKey RUN_FILES: the run's archived raw file, or null when it was not archived
 * @param ownerExternalId RUN_FILES: whose records to remove from the archived file
 * @param propertyExternalIds RUN_FILES: that owner's properties, whose transactions and documents to remove too
 */
public record Purge(long id, Kind kind, String objectKey, String bucket, String runId, String archivedKey,
                    String ownerExternalId, List<String> propertyExternalIds) {

    public enum Kind { DOCUMENT_OBJECT, RUN_FILES }
}
