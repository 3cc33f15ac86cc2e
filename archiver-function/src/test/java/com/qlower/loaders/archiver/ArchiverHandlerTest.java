package com.qlower.loaders.archiver;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.EmfLine;
import com.qlower.loaders.adapters.testing.FilePipelineDefinition;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.SamplePartnerFile;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.IntegrationStore.DuplicateRecords;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.ArchiveResult;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import com.qlower.loaders.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archiver's handler on {@code events/archiver-succeeded-request.json} and
 * {@code events/archiver-failed-request.json}, read by the Lambda runtime's serializer, over a real S3 protocol
 * server and a real PostgreSQL. Each test starts from an empty bucket and database, then what the real previous steps
 * leave for the sample file, from {@code events/validator-s3-put.json} on, as far as its path went
 * ({@link StagedSample}, held to those steps by their own tests).
 */
class ArchiverHandlerTest {

    private static final Context CONTEXT = LambdaContexts.named("qlower-loaders-prod-archiver");

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET).emptiedBeforeEachTest();
    private static ObjectStore store;
    private static InMemoryPartnerRegistry partners;
    private static ArchiverHandler handler;
    private static final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        store = infrastructure.objectStore();
        partners = new InMemoryPartnerRegistry();
        handler = ArchiverWiring.forLocal(LocalAdapters.onPostgres(store, infrastructure.database(), CLOCK)
                .withPartners(partners).withAudit(AuditTrail.NONE), new MetricsLog(metrics::add, CLOCK));
    }

    @BeforeEach
    void forgetMetrics_andRegisterThePartner() {
        metrics.clear();
        partners.save(InMemoryPartnerRegistry.everyLoader("gestimmo"));
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-succeeded-request.json", type = ArchiveRequest.class)
    void integratedFile_goesToSuccessWithItsFinalReport(ArchiveRequest request) throws Exception {
        assertThat(request.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(request.failure()).isNull();
        assertThat(request.file()).isEqualTo(SamplePartnerFile.fileRef());
        String runId = validateTransformIntegrate(true);
        assertThat(request.runId()).isEqualTo(runId);

        ArchiveResult result = handler.handleRequest(unversioned(request), CONTEXT);

        String base = "success/gestimmo/transactions_20261123." + runId.substring(0, 12);
        assertThat(result).isEqualTo(new ArchiveResult(base + ".json", base + ".report.json"));
        assertThat(bytesOf(result.archivedKey())).isEqualTo(Files.readAllBytes(SamplePartnerFile.PATH));
        assertThat(store.exists(INGEST_BUCKET, KEY)).as("moved out of the inbox").isFalse();
        assertThat(keysUnder("failure/")).isEmpty();

        JsonNode reportJson = ContractJson.internalMapper().readTree(bytesOf(result.reportKey()));
        assertThat(reportJson.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(reportJson.path("archived_key").asText()).isEqualTo(result.archivedKey());
        assertThat(reportJson.path("counts").path("received").asLong()).isEqualTo(13);
        assertThat(reportJson.has("failure")).isFalse();
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(result.reportKey()), RunReport.class);
        assertThat(report.runId()).isEqualTo(runId);
        assertThat(report.file()).isEqualTo(request.file());
        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts()).isEqualTo(new Counts(13, 13, 0, 13, 0, 0, 0));
        assertThat(report.counts().received()).isEqualTo(report.counts().accepted() + report.counts().rejected());
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(report.errors().total()).isZero();
        assertThat(report.warnings().total()).isEqualTo(3);
        assertThat(report.finishedAt()).isEqualTo(CLOCK.instant());
        assertThat(new ReportStore(store).read(INGEST_BUCKET, runId)).as("the staged report is the final one too")
                .isEqualTo(report);
        assertThat(keysUnder("success/")).containsExactlyInAnyOrder(result.archivedKey(), result.reportKey(),
                base + ".report.html", "success/gestimmo/error-codes.html");
        assertThat(new String(bytesOf("success/gestimmo/error-codes.html"), StandardCharsets.UTF_8))
                .as("the catalogue the page links to, beside it").contains("<tr id=\"CATEGORY_INFERRED\">");
        assertThat(new String(bytesOf(base + ".report.html"), StandardCharsets.UTF_8))
                .contains("<a href=\"error-codes.html#CATEGORY_INFERRED\"><code>CATEGORY_INFERRED</code></a>");
        assertThat(infrastructure.s3Client().headObject(b -> b.bucket(INGEST_BUCKET).key(base + ".report.html"))
                .contentType()).isEqualTo("text/html");
        assertThat(new String(bytesOf(base + ".report.html"), StandardCharsets.UTF_8))
                .as("the page, in the partner's language (French)").startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")
                .contains("<p class=\"outcome SUCCEEDED\">Fichier intégré.</p>", "<h2>Avertissements (3)</h2>")
                .contains("<code>" + result.archivedKey() + "</code>");

        assertThat(infrastructure.ingestionRun(runId)).containsEntry("status", "SUCCEEDED")
                .containsEntry("archived_key", result.archivedKey())
                .containsEntry("received", 13L).containsEntry("accepted", 13L).containsEntry("rejected", 0L)
                .containsEntry("inserted", 13L).containsEntry("error_count", 0L);
        assertThat(infrastructure.ingestionRun(runId).get("finished_at")).isNotNull();
        assertThat(infrastructure.transactionsOf("gestimmo")).isEqualTo(13);

        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.metric("FilesSucceeded")).isEqualTo(1);
            assertThat(emf.metric("FilesFailed")).isZero();
            assertThat(emf.field("Partner")).isEqualTo("gestimmo");
            assertThat(emf.field("Loader")).isEqualTo("transactions");
            assertThat(emf.field("Step")).isEqualTo("Archive");
            assertThat(emf.field("executionName")).isEqualTo(request.executionName());
        });
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-succeeded-request.json", type = ArchiveRequest.class)
    void archiveRedriven_completesWithoutASecondCopy(ArchiveRequest request) throws Exception {
        validateTransformIntegrate(true);
        ArchiveResult first = handler.handleRequest(unversioned(request), CONTEXT);

        ArchiveResult again = handler.handleRequest(unversioned(request), CONTEXT);

        assertThat(again).isEqualTo(first);
        assertThat(keysUnder("success/")).containsExactlyInAnyOrder(first.archivedKey(), first.reportKey(),
                ArchiveLayout.htmlReportKeyOf(first.archivedKey()), "success/gestimmo/error-codes.html");
        assertThat(store.exists(INGEST_BUCKET, KEY)).isFalse();
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(first.reportKey()), RunReport.class);
        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts()).isEqualTo(new Counts(13, 13, 0, 13, 0, 0, 0));
        assertThat(infrastructure.ingestionRun(request.runId())).containsEntry("status", "SUCCEEDED");
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void fileWhoseIntegrationFailed_goesToFailureWithAPipelineError(ArchiveRequest request) throws Exception {
        assertThat(request.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(request.failure().error()).isEqualTo("com.qlower.loaders.errors.TransientFailure");
        assertThat(ContractJson.internalMapper().readTree(request.failure().cause()).path("errorType").asText())
                .isEqualTo("com.qlower.loaders.errors.TransientFailure");
        // validated and transformed; the integration failed after its retries, so nothing was committed
        String runId = validateTransformIntegrate(false);
        assertThat(request.runId()).isEqualTo(runId);

        ArchiveResult result = handler.handleRequest(unversioned(request), CONTEXT);

        String base = "failure/gestimmo/transactions_20261123." + runId.substring(0, 12);
        assertThat(result).isEqualTo(new ArchiveResult(base + ".json", base + ".report.json"));
        assertThat(bytesOf(result.archivedKey())).isEqualTo(Files.readAllBytes(SamplePartnerFile.PATH));
        assertThat(store.exists(INGEST_BUCKET, KEY)).isFalse();
        assertThat(keysUnder("success/")).isEmpty();

        assertThat(ReportSchema.violations(bytesOf(result.reportKey()))).as("a report with a step failure")
                .isEmpty();
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(result.reportKey()), RunReport.class);
        assertThat(report.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(report.archivedKey()).isEqualTo(result.archivedKey());
        assertThat(report.failure().error()).isEqualTo(request.failure().error());
        assertThat(report.failure().cause()).as("no internal message: the execution support looks it up by")
                .doesNotContain("SQLSTATE", "integrating run", "PSQLException")
                .contains(request.executionName());
        assertThat(report.errors().total()).isEqualTo(1);
        FileError error = report.errors().first().get(0);
        assertThat(error.code()).isEqualTo(ErrorCode.PIPELINE_ERROR);
        assertThat(List.of(error.message().en(), error.message().fr())).allSatisfy(text -> assertThat(text)
                .doesNotContain("SQLSTATE", "Exception", "com.qlower"));
        assertThat(error.message().en()).as("what Qlower does, and no promise of a retry that would fail alike")
                .contains("alerted", "once the cause is fixed", "no need to send it again")
                .doesNotContain("without it being sent anew");
        assertThat(report.counts()).as("nothing integrated: every record counts as rejected")
                .isEqualTo(new Counts(13, 0, 13, 0, 0, 0, 0));
        assertThat(report.counts().addsUp()).isTrue();

        assertThat(infrastructure.ingestionRun(runId)).containsEntry("status", "FAILED")
                .containsEntry("archived_key", result.archivedKey())
                .containsEntry("first_error", "PIPELINE_ERROR").containsEntry("error_count", 1L)
                .containsEntry("received", 13L).containsEntry("accepted", 0L).containsEntry("rejected", 13L);
        assertThat(infrastructure.transactionsOf("gestimmo")).isZero();

        assertThat(metrics).singleElement().satisfies(line -> {
            EmfLine emf = EmfLine.parse(line);
            assertThat(emf.metric("FilesFailed")).isEqualTo(1);
            assertThat(emf.metric("FilesSucceeded")).isZero();
        });
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void fileTheIntegratorFoundRepeatedIdsIn_namesThemInEachLanguage_withoutTheIntegratorsWords(
            ArchiveRequest request) throws Exception {
        validateTransformIntegrate(false);
        DuplicateRecords refused = new DuplicateRecords("transactions", List.of("T-17", "T-18"));
        // as Lambda's runtime writes an uncaught exception, and Step Functions hands it to the Catch
        String cause = ContractJson.internalMapper().createObjectNode().put("errorMessage", refused.getMessage())
                .put("errorType", DuplicateRecords.class.getName()).toString();
        ArchiveRequest duplicates = new ArchiveRequest(request.runId(), request.executionName(),
                new FileRef(request.file().bucket(), request.file().key(), null), request.run(), FileOutcome.FAILED,
                new ArchiveRequest.StepFailure(DuplicateRecords.class.getName(), cause));

        ArchiveResult result = handler.handleRequest(duplicates, CONTEXT);

        RunReport report = ContractJson.internalMapper().readValue(bytesOf(result.reportKey()), RunReport.class);
        FileError error = report.errors().first().get(0);
        assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_EXTERNAL_ID);
        assertThat(error.message().fr()).isEqualTo("parmi les transactions du fichier, ces external_id figurent plus "
                + "d'une fois : T-17, T-18. Chaque external_id ne peut figurer qu'une fois par fichier");
        assertThat(error.message().en()).isEqualTo("among the file's transactions, these external_ids appear more "
                + "than once: T-17, T-18. Each external_id may appear once per file");
        assertThat(report.counts()).isEqualTo(new Counts(13, 0, 13, 0, 0, 0, 0));
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void partnerWhoseLanguageIsEnglish_getsItsPageInEnglish(ArchiveRequest request) throws Exception {
        Partner french = InMemoryPartnerRegistry.everyLoader("gestimmo");
        partners.save(new Partner(french.partnerId(), french.displayName(), Partner.Language.EN,
                french.contactEmails(), null, null, true, french.loaders(), french.rejectTolerancePercent()));
        validateTransformIntegrate(false);

        ArchiveResult result = handler.handleRequest(unversioned(request), CONTEXT);

        assertThat(new String(bytesOf(ArchiveLayout.htmlReportKeyOf(result.archivedKey())), StandardCharsets.UTF_8))
                .startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<p class=\"outcome FAILED\">File not processed: something failed on Qlower&#39;s side.")
                .contains("<td><a href=\"error-codes.html#PIPELINE_ERROR\"><code>PIPELINE_ERROR</code></a></td>"
                        + "<td>the whole file</td>")
                .contains("For Qlower&#39;s support", "com.qlower.loaders.errors.TransientFailure");
    }

    @ParameterizedTest
    @Event(value = "../events/archiver-failed-request.json", type = ArchiveRequest.class)
    void failedArchiveRedriven_listsThePipelineErrorOnce(ArchiveRequest request) throws Exception {
        validateTransformIntegrate(false);
        ArchiveResult first = handler.handleRequest(unversioned(request), CONTEXT);

        ArchiveResult again = handler.handleRequest(unversioned(request), CONTEXT);

        assertThat(again).isEqualTo(first);
        assertThat(keysUnder("failure/")).containsExactlyInAnyOrder(first.archivedKey(), first.reportKey(),
                ArchiveLayout.htmlReportKeyOf(first.archivedKey()), "failure/gestimmo/error-codes.html");
        RunReport report = ContractJson.internalMapper().readValue(bytesOf(first.reportKey()), RunReport.class);
        assertThat(report.errors().first()).extracting(FileError::code).containsExactly(ErrorCode.PIPELINE_ERROR);
        assertThat(report.errors().total()).isEqualTo(1);
        assertThat(infrastructure.ingestionRun(request.runId())).containsEntry("error_count", 1L);
    }

    @Test
    void requestsAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        FilePipelineDefinition.assertSendsTheEvent("ArchiveIntegratedFile",
                "../events/archiver-succeeded-request.json", ArchiveRequest.class);
        FilePipelineDefinition.assertSendsTheEvent("ArchiveFailedFile",
                "../events/archiver-failed-request.json", ArchiveRequest.class);

        FilePipelineDefinition.assertSelectsFrom(
                new ArchiveResult("success/p/f.0123456789ab.json", "success/p/f.0123456789ab.report.json"),
                "ArchiveIntegratedFile", "ArchiveRejectedFile", "ArchiveFailedFile");
    }

    /**
     * The request without its version id. The events carry the version S3 announced (the ingest bucket is versioned),
     * but the local S3 server does not version objects: it ignores {@code versionId} on GET, yet answers 404 to a
     * copy whose {@code x-amz-copy-source} names a version, so the archiver's copy of the raw file could not run.
     */
    private static ArchiveRequest unversioned(ArchiveRequest request) {
        assertThat(request.file().versionId()).isNotNull();
        return new ArchiveRequest(request.runId(), request.executionName(),
                new FileRef(request.file().bucket(), request.file().key(), null), request.run(), request.outcome(),
                request.failure());
    }

    /**
     * What the earlier steps leave for the sample: validated and transformed by the real steps on the events of
     * {@code events/} and, if asked, integrated (its report, its run and records in the database). Returns the run
     * id.
     */
    private static String validateTransformIntegrate(boolean integrate) {
        String runId = integrate ? StagedSample.integrated(store, infrastructure.database())
                : StagedSample.transformed(store);
        if (integrate) {
            assertThat(infrastructure.transactionsOf("gestimmo")).as("precondition: integrated").isEqualTo(13);
        }
        assertThat(store.exists(INGEST_BUCKET, StagingLayout.reportKey(runId))).isTrue();
        return runId;
    }

    private static byte[] bytesOf(String key) {
        return infrastructure.s3Client().getObjectAsBytes(b -> b.bucket(INGEST_BUCKET).key(key)).asByteArray();
    }

    private static List<String> keysUnder(String prefix) {
        return infrastructure.s3Client().listObjectsV2Paginator(b -> b.bucket(INGEST_BUCKET).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
    }
}
