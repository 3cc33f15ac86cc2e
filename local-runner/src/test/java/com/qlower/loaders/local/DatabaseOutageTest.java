package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.steps.FileOutcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 4: PostgreSQL stopped while a file is integrated, for longer than the retries, then back. The file
 * is answered on S3's side during the outage (out of the inbox, in failure/ with its report and page), and one
 * redrive after it finishes the job: the run's final row, the partner's one notification, nothing archived twice.
 */
class DatabaseOutageTest {

    private static final String PARTNER = "panne";
    private static final String KEY = "inbox/" + PARTNER + "/caracteristiques_20261123.json";

    @TempDir
    Path work;

    @Test
    void databaseStoppedDuringIntegrate_longerThanTheRetries_archivesTheFileAsFailed_andOneRedriveFinishesTheJob()
            throws Exception {
        int port = freePort();
        Path data = work.resolve("postgres");
        AtomicReference<LocalPostgres> server = new AtomicReference<>(LocalPostgres.onFolder(data, port));
        String url = server.get().createDatabase("qlower");
        AtomicBoolean stopped = new AtomicBoolean();
        // the database stops as Integrate starts, and stays down through every retry and the archive's
        LocalFunction.Decorator outage = (name, function) -> !name.equals("local:integrator") ? function
                : payload -> {
                    if (stopped.compareAndSet(false, true)) {
                        server.get().close();
                    }
                    return function.invoke(payload);
                };
        try (LocalPipeline pipeline = new LocalPipeline(new LocalPipeline.Settings(work.resolve("state"), url,
                (execution, state) -> { }, 1000, LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.discarded(),
                outage))) {
            pipeline.partners().save(new Partner(PARTNER, "Panne", Partner.Language.EN, List.of("ops@panne.example"),
                    null, null, true, EnumSet.allOf(Loader.class), 5.0));
            LocalPipeline.Dropped dropped = pipeline.drop(KEY, SampleNight.drop(work).sample(PARTNER,
                    "caracteristiques"));
            LocalPipeline.FileRun during = dropped.finish();

            assertThat(during.execution().error()).isEqualTo("ArchiveFailed");
            assertThat(ingestKeys(pipeline)).as("answered on S3's side: out of the inbox, archived once")
                    .containsExactlyElementsOf(archive("failure/", during.runId()));
            assertThat(pipeline.unfinished()).singleElement().satisfies(unfinished -> {
                assertThat(unfinished.name()).isEqualTo(dropped.executionName());
                assertThat(unfinished.fromState()).isEqualTo("ArchiveFailedFile");
            });

            server.set(LocalPostgres.onFolder(data, port));
            List<LocalPipeline.FileRun> redriven = pipeline.redrive();

            assertThat(redriven).singleElement().satisfies(run -> {
                assertThat(run.execution().error()).isEqualTo("PipelineFailed");
                assertThat(run.execution().statesEntered()).containsExactly("ArchiveFailedFile", "NotifyFailed",
                        "PipelineFailed");
                assertThat(run.report().outcome()).isEqualTo(FileOutcome.FAILED);
                assertThat(run.report().errors().first().get(0).code()).isEqualTo(ErrorCode.PIPELINE_ERROR);
            });
            assertFinished(pipeline, during.runId());
            assertThat(pipeline.unfinished()).as("nothing left to redrive").isEmpty();

            // S3 delivers the upload's event again: the run is not processed, nor archived, a second time
            assertThat(dropped.deliverAgain().start()).isEqualTo(StartOutcome.ALREADY_STARTED);
            assertFinished(pipeline, during.runId());
        } finally {
            server.get().close();
        }
    }

    /** The invariant: in exactly one of success/ and failure/ with its report and page, one final row, one email. */
    private static void assertFinished(LocalPipeline pipeline, String runId) throws IOException {
        assertThat(ingestKeys(pipeline)).containsExactlyElementsOf(archive("failure/", runId));
        List<String> finalRows = pipeline.database().jdbi().withHandle(h -> h.createQuery(
                        "select status from ingestion_runs where run_id = :run and finished_at is not null")
                .bind("run", runId).mapTo(String.class).list());
        assertThat(finalRows).containsExactly("FAILED");
        try (Stream<Path> emails = Files.list(pipeline.emailsFolder())) {
            assertThat(emails.toList()).as("one notification").hasSize(1);
        }
    }

    private static List<String> ingestKeys(LocalPipeline pipeline) {
        return pipeline.keys(LocalPipeline.INGEST_BUCKET).stream()
                .filter(k -> k.startsWith("inbox/") || k.startsWith("success/") || k.startsWith("failure/"))
                .filter(k -> !k.endsWith("/")).toList(); // a folder of the local S3 server's disk is no object
    }

    private static List<String> archive(String folder, String runId) {
        String stem = folder + PARTNER + "/caracteristiques_20261123." + runId.substring(0, 12);
        return List.of(stem + ".json", stem + ".report.html", stem + ".report.json");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
