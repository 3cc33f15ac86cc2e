package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.localservers.LambdaRuntimeJson;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.transformer.UpstreamWait;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorHandler;
import com.qlower.loaders.validator.ValidatorWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline on one machine: a real S3 protocol server and a real PostgreSQL in this process, the four
 * handlers wired to them, chained by the same state machine definition that SAM deploys. A file submitted here
 * goes where a partner's upload goes on AWS: into the inbox, through an S3 event ({@link InboxEvents}), to the
 * validator. The functions and the state machine are wired in {@link PipelineFunctions}.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String INGEST_BUCKET = "qlower-ingest-local";
    public static final String DOCUMENTS_BUCKET = "qlower-documents-local";

    /**
     * @param stateDir where the S3 objects and the database live between runs; null keeps everything in memory and
     *     in a throwaway database (the tests)
     * @param dbUrl an existing PostgreSQL to use instead of the embedded one, or null
     * @param retrySpeedup how much shorter than on AWS the state machine's waits (retries, Wait states) are
     * @param upstreamWait how long a file waits for the same night's file it refers to (real time, not sped up)
     * @param metrics where the handlers' metrics lines go; the runner's summary gives the counts, so by default
     *     nowhere
     * @param dbConnections the database connection budget: at most this many connections open, and as many
     *     function invocations at once ({@code ./loaders run --db-connections N})
     * @param functions wraps each function the state machine invokes (the tests record calls, inject faults)
     * @param clock what the functions read the time from: the machine's; a test moves it ahead to reach a deadline
     *     (the upstream wait's) without waiting for it
     */
    public record Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                           UpstreamWait upstreamWait, MetricsLog metrics, int dbConnections,
                           LocalFunction.Decorator functions, Clock clock) {

        /** A minute between attempts on AWS, 0.6 s here at a speedup of 100; half a minute at most. */
        public static final UpstreamWait LOCAL_UPSTREAM_WAIT = new UpstreamWait(Duration.ofMinutes(1),
                Duration.ofSeconds(30));

        /** The local budget unless told otherwise: half of PostgreSQL's default max_connections (100) and more. */
        public static final int DEFAULT_DB_CONNECTIONS = 10;

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                        UpstreamWait upstreamWait, MetricsLog metrics, int dbConnections,
                        LocalFunction.Decorator functions) {
            this(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, metrics, dbConnections, functions,
                    Clock.systemUTC());
        }

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                        UpstreamWait upstreamWait, MetricsLog metrics, int dbConnections) {
            this(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, metrics, dbConnections,
                    LocalFunction.Decorator.NONE);
        }

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                        UpstreamWait upstreamWait, MetricsLog metrics, LocalFunction.Decorator functions) {
            this(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, metrics, DEFAULT_DB_CONNECTIONS, functions);
        }

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                        UpstreamWait upstreamWait, MetricsLog metrics) {
            this(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, metrics, DEFAULT_DB_CONNECTIONS);
        }

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup,
                        UpstreamWait upstreamWait) {
            this(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, MetricsLog.discarded());
        }

        public Settings(Path stateDir, String dbUrl, LocalStateMachine.Listener listener, double retrySpeedup) {
            this(stateDir, dbUrl, listener, retrySpeedup, LOCAL_UPSTREAM_WAIT);
        }

        /** The same settings, the functions reading the time from {@code clock}. */
        public Settings withClock(Clock clock) {
            return new Settings(stateDir, dbUrl, listener, retrySpeedup, upstreamWait, metrics, dbConnections,
                    functions, clock);
        }
    }

    /** One file's trip through the pipeline. */
    public record FileRun(String key, String runId, LocalStateMachine.Execution execution, RunReport report,
                          String reportKey, Duration took) {
    }

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final S3Client s3Client;
    private final ObjectStore store;
    private final Database database;
    private final ConnectionBudget budget;
    private final PartnerRegistry partners;
    private final LocalPipelineStarter starter;
    private final ExecutionJournal journal;
    private final ValidatorHandler validator;
    private final Path s3Folder;
    private final Path emailsFolder;
    private final boolean temporaryEmails;
    private final BucketListing listing;
    private final InboxEvents inboxEvents = new InboxEvents(INGEST_BUCKET);

    public LocalPipeline(Settings settings) throws Exception {
        try {
            LocalS3Server s3 = settings.stateDir() == null ? LocalS3Server.inMemory()
                    : LocalS3Server.onFolder(Files.createDirectories(settings.stateDir().resolve("s3")));
            servers.add(s3);
            this.s3Folder = settings.stateDir() == null ? null : settings.stateDir().resolve("s3");
            LocalDatabase localDatabase = new LocalDatabase(settings.stateDir(), settings.dbUrl(),
                    settings.dbConnections());
            servers.add(localDatabase);
            this.database = localDatabase.database();
            this.budget = new ConnectionBudget(settings.dbConnections());
            this.partners = new PostgresPartnerRegistry(database);
            this.s3Client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
            for (String bucket : List.of(INGEST_BUCKET, DOCUMENTS_BUCKET)) {
                if (!s3Client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                    s3Client.createBucket(b -> b.bucket(bucket));
                }
            }
            this.store = new S3ObjectStore(s3Client);
            this.listing = new BucketListing(s3Client);
            Clock clock = settings.clock();
            this.temporaryEmails = settings.stateDir() == null;
            this.emailsFolder = temporaryEmails ? Files.createTempDirectory("loaders-emails")
                    : Files.createDirectories(settings.stateDir().resolve("emails"));
            LocalAdapters adapters = LocalNotifier.channels(LocalAdapters.onPostgres(store, database, clock)
                    .withPartners(partners), database, s3, s3Folder, emailsFolder);
            this.journal = new ExecutionJournal(settings.stateDir());
            this.starter = PipelineFunctions.starter(adapters, DOCUMENTS_BUCKET, settings, budget, journal);
            this.validator = ValidatorWiring.forLocal(adapters, starter, settings.metrics());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Uploads a partner file to the inbox under {@code key} and runs it through the pipeline, to its end. */
    public FileRun submit(String key, Path file) throws IOException {
        return drop(key, file).finish();
    }

    /** A file dropped in the inbox, validated, its execution under way. */
    public final class Dropped {
        private final String key;
        private final S3Event event;
        private final ValidationService.Verdict verdict;
        private final Instant start;
        private final Instant uploaded;

        private Dropped(String key, S3Event event, ValidationService.Verdict verdict, Instant start,
                        Instant uploaded) {
            this.key = key;
            this.event = event;
            this.verdict = verdict;
            this.start = start;
            this.uploaded = uploaded;
        }

        /** When the upload to the inbox ended and the validator was called: what {@code bench-pipeline} times. */
        public Instant uploaded() {
            return uploaded;
        }

        /** S3 delivers the same notification again (it delivers at least once): what the validator says to it. */
        public ValidationService.Verdict deliverAgain() {
            return validate(event);
        }

        public String executionName() {
            return verdict.executionName();
        }

        /** Waits for the execution's end; the file is archived by then. */
        public FileRun finish() {
            return finished(key, verdict.runId(), starter.execution(verdict.executionName()).orElseThrow().join(),
                    start);
        }
    }

    /**
     * Uploads a partner file to the inbox under {@code key} and validates it, as the S3 event does; its execution
     * goes on while this returns, beside the others, as on AWS.
     */
    public Dropped drop(String key, Path file) throws IOException {
        Instant start = Instant.now();
        s3Client.putObject(b -> b.bucket(INGEST_BUCKET).key(key), file);
        Instant uploaded = Instant.now();
        S3Event event = inboxEvents.objectCreated(key, Files.size(file));
        return new Dropped(key, event, validate(event), start, uploaded);
    }

    /**
     * The validator's invocation for an S3 event, within the connection budget like the other functions'; the event
     * and the answer go through the Lambda runtime's serializer, as S3's notification and the result do on AWS.
     */
    private ValidationService.Verdict validate(S3Event event) {
        try {
            return budget.call(() -> LambdaRuntimeJson.roundTrip(validator.handleRequest(
                    LambdaRuntimeJson.roundTrip(event, S3Event.class), new LocalContext("validator")),
                    ValidatorHandler.Result.class).files().get(0));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("validating " + event.getRecords().get(0).getS3().getObject().getKey(),
                    e);
        }
    }

    /**
     * The executions of this state folder with something left to do (killed half-way, ArchiveFailed, a
     * notification that did not go): what {@code ./loaders redrive} takes up.
     */
    public List<ExecutionJournal.Unfinished> unfinished() {
        return journal.unfinished();
    }

    /** The executions that ended PipelineFailed with their partner told, kept a while: what a redrive leaves. */
    public List<ExecutionJournal.FailedAndTold> failedAndTold() {
        return journal.failedAndTold();
    }

    /** Runs every unfinished execution again from where it stopped, as Step Functions' redrive does; each to its end. */
    public List<FileRun> redrive() {
        List<ExecutionJournal.Unfinished> unfinished = journal.unfinished();
        Instant start = Instant.now();
        unfinished.forEach(starter::redrive);
        return unfinished.stream().map(u -> finished(u.key(), u.runId(), starter.execution(u.name()).orElseThrow()
                .join(), start)).toList();
    }

    private FileRun finished(String key, String runId, LocalStateMachine.Execution execution, Instant start) {
        // the archiver leaves the final report in staging too: it is there whichever way the execution ended
        RunReport report = new ReportStore(store).read(INGEST_BUCKET, runId);
        String reportKey = report.archivedKey() == null ? null : ArchiveLayout.reportKeyOf(report.archivedKey());
        return new FileRun(key, runId, execution, report, reportKey, Duration.between(start, Instant.now()));
    }

    /** Where a key of the ingest bucket lies on disk, when the state lives in a folder. */
    public Path localPathOf(String key) {
        return s3Folder == null ? null : s3Folder.resolve(INGEST_BUCKET).resolve(key);
    }

    /** Where the emails the pipeline would send are written, one {@code .eml} file each. */
    public Path emailsFolder() {
        return emailsFolder;
    }

    public ObjectStore store() {
        return store;
    }

    /** Every key of a bucket, sorted: what the tests compare before and after a file. */
    public List<String> keys(String bucket) {
        return listing.keys(bucket);
    }

    /**
     * Every version of every object of a bucket, one key per version (delete markers left out); on a server that
     * keeps no versions, every object once.
     */
    public List<String> objectVersions(String bucket) {
        return listing.objectVersions(bucket);
    }

    public Database database() {
        return database;
    }

    /** The partners registered with this pipeline: a file of any other partner is refused. */
    public PartnerRegistry partners() {
        return partners;
    }

    @Override
    public void close() throws Exception {
        if (starter != null) {
            starter.close();
        }
        if (temporaryEmails && emailsFolder != null) {
            try (var files = Files.walk(emailsFolder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (s3Client != null) {
            s3Client.close();
        }
        for (AutoCloseable server : servers.reversed()) {
            server.close();
        }
    }
}
