package com.qlower.loaders.integrator;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.Counts;
import com.qlower.loaders.report.ReportStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.JsonLines;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a file's staged records into the database in one transaction, documents' content first into the documents
 * bucket. If the transaction fails, the objects this attempt uploaded are removed again, so no object is left that
 * no row points at.
 */
public final class IntegrationService {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final ObjectStore store;
    private final ReportStore reports;
    private final IntegrationStore database;
    private final String documentsBucket;
    private final Clock clock;

    public IntegrationService(ObjectStore store, IntegrationStore database, String documentsBucket, Clock clock) {
        this.store = store;
        this.reports = new ReportStore(store);
        this.database = database;
        this.documentsBucket = documentsBucket;
        this.clock = clock;
    }

    public IntegrateResult integrate(IntegrateRequest request) {
        String bucket = request.file().bucket();
        RunReport report = reports.read(bucket, request.runId());
        Counts counts = report.counts();
        IngestionRun run = new IngestionRun(request.runId(), report.partnerId(),
                Loader.fromWireName(report.loader()).orElseThrow(), Mode.fromWireName(report.mode()), report.file(),
                report.sha256(), report.snapshotDate(), counts.received(), counts.accepted(), counts.rejected(),
                report.receivedAt());
        List<FileRef> uploadedNow = new ArrayList<>();
        IntegrationCounts integrated;
        try (Stream<StagedRecord> records = JsonLines.read(store, new FileRef(bucket, request.stagedKey(), null),
                ContractJson.internalMapper(), StagedRecord.class)) {
            integrated = database.integrate(run, records.map(r -> r instanceof Document d
                    ? storeContent(run.partnerId(), d, uploadedNow) : r));
        } catch (TransientFailure e) {
            // the connection was lost: the commit may have happened, and its rows may point at these objects.
            // They stay; the retry finds them (same content, same key) and uploads nothing again.
            throw e;
        } catch (RuntimeException e) {
            // the transaction was rolled back: nothing points at what this attempt uploaded
            uploadedNow.forEach(store::delete);
            throw e;
        }
        reports.write(bucket, report.withIntegration(counts.withIntegration(integrated.inserted(),
                integrated.updated(), integrated.unchanged(), integrated.retired()), clock.instant()));
        LOG.info("integrated run={} inserted={} updated={} unchanged={} documentsUploaded={}", request.runId(),
                integrated.inserted(), integrated.updated(), integrated.unchanged(), uploadedNow.size());
        return new IntegrateResult(integrated.inserted(), integrated.updated(), integrated.unchanged());
    }

    /**
     * Puts a document's content in the documents bucket under a key that names no person: the partner and the
     * content's hash. The same content is stored once.
     */
    private Document storeContent(String partnerId, Document document, List<FileRef> uploadedNow) {
        String key = partnerId + "/" + document.sha256();
        if (!store.exists(documentsBucket, key)) {
            // the exact version is kept: in a versioned bucket, removing it on failure leaves no old version behind
            uploadedNow.add(store.put(documentsBucket, key, Document.decodeBase64(document.contentBase64()),
                    document.contentType()));
        }
        return document.stored(key);
    }
}
