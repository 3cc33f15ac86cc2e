package com.qlower.loaders.integrator;

import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from S3 the copies of an erased owner's data, once the database erasure is committed: document objects
 * (every version), the staged records of the runs that held the owner, the archived raw files rewritten without
 * the owner's records, and the values quoted in those runs' reports. Each item is marked done once done; what a
 * crash interrupts, the retry of the run finds still pending.
 */
final class ErasurePurger {

    private static final Logger LOG = LoggerFactory.getLogger(ErasurePurger.class);

    private final ObjectStore store;
    private final IntegrationStore database;
    private final ReportStore reports;
    private final String documentsBucket;

    ErasurePurger(ObjectStore store, IntegrationStore database, String documentsBucket) {
        this.store = store;
        this.database = database;
        this.reports = new ReportStore(store);
        this.documentsBucket = documentsBucket;
    }

    /** Does the run's pending S3 work; returns how many items were done. */
    int purgeFor(String runId) {
        int done = 0;
        for (Purge purge : database.pendingPurges(runId)) {
            switch (purge.kind()) {
                case DOCUMENT_OBJECT -> store.deleteAllVersions(documentsBucket, purge.objectKey());
                case RUN_FILES -> purgeRunFiles(purge);
            }
            database.purged(purge.id());
            done++;
        }
        if (done > 0) {
            LOG.info("erasure purged {} S3 items", done);
        }
        return done;
    }

    private void purgeRunFiles(Purge purge) {
        String bucket = purge.bucket();
        store.deleteAllVersions(bucket, StagingLayout.validatedKey(purge.runId()));
        store.deleteAllVersions(bucket, StagingLayout.transformedKey(purge.runId()));
        redactReport(bucket, StagingLayout.reportKey(purge.runId()));
        if (purge.archivedKey() != null) {
            rewriteArchive(bucket, purge.archivedKey(), purge);
            redactReport(bucket, ArchiveLayout.reportKeyOf(purge.archivedKey()));
        }
    }

    private void redactReport(String bucket, String key) {
        if (!store.exists(bucket, key)) {
            return; // expired with the staging area, or never written
        }
        var report = reports.readAt(bucket, key);
        FileRef written = reports.writeAt(bucket, key, report.withoutQuotedValues());
        store.deleteEarlierVersions(written);
    }

    private void rewriteArchive(String bucket, String key, Purge purge) {
        Path rewritten = null;
        try {
            rewritten = Files.createTempFile("archive-", ".json");
            long removed;
            try (InputStream in = store.open(new FileRef(bucket, key, null));
                 OutputStream out = Files.newOutputStream(rewritten)) {
                removed = ArchivedFileRewriter.rewrite(in, out, ArchivedFileRewriter.recordsOf(
                        purge.ownerExternalId(), new HashSet<>(purge.propertyExternalIds())));
            }
            FileRef written = store.put(bucket, key, rewritten, "application/json");
            store.deleteEarlierVersions(written);
            LOG.info("erasure rewrote {} without {} records", key, removed);
        } catch (ObjectNotFound gone) {
            LOG.info("erasure: {} is no longer archived", key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + key, e);
        } finally {
            if (rewritten != null) {
                try {
                    Files.deleteIfExists(rewritten);
                } catch (IOException ignored) {
                    // a temporary file of the Lambda's /tmp
                }
            }
        }
    }
}
