package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.archiver.ArchiverWiring;
import com.qlower.loaders.integrator.IntegratorWiring;
import com.qlower.loaders.localservers.LambdaRuntimeJson;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.notifier.NotifierWiring;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.transformer.TransformerWiring;
import com.qlower.loaders.transformer.UpstreamWait;
import com.qlower.loaders.validator.ValidationService;
import com.qlower.loaders.validator.ValidatorHandler;
import com.qlower.loaders.validator.ValidatorWiring;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline on one machine: a real S3 protocol server and a real PostgreSQL in this process, the four
 * handlers wired to them, chained by the same state machine definition that SAM deploys. A file submitted here
 * goes where a partner's upload goes on AWS: into the inbox, through an S3 event, to the validator.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String INGEST_BUCKET = "qlower-ingest-local";
    public static final String DOCUMENTS_BUCKET = "qlower-documents-local";
    private static final String DEFINITION_RESOURCE = "/statemachine/file-pipeline.asl.json";

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
    private volatile boolean serverKeepsVersions = true;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

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
            Clock clock = settings.clock();
            this.temporaryEmails = settings.stateDir() == null;
            this.emailsFolder = temporaryEmails ? Files.createTempDirectory("loaders-emails")
                    : Files.createDirectories(settings.stateDir().resolve("emails"));
            LocalAdapters adapters = LocalNotifier.channels(LocalAdapters.onPostgres(store, database, clock)
                    .withPartners(partners), database, s3, s3Folder, emailsFolder);
            // every function uses the database: each invocation waits for its turn within the budget
            Map<String, LocalFunction> handlers = Map.of(
                    "local:transformer", LocalFunction.of(TransformerWiring.forLocal(adapters,
                            settings.upstreamWait(), settings.metrics()), TransformRequest.class),
                    "local:integrator", LocalFunction.of(IntegratorWiring.forLocal(adapters, DOCUMENTS_BUCKET,
                            settings.metrics()), IntegrateRequest.class),
                    "local:archiver", LocalFunction.of(ArchiverWiring.forLocal(adapters, settings.metrics()),
                            ArchiveRequest.class),
                    "local:notifier", LocalFunction.of(NotifierWiring.forLocal(adapters, settings.metrics()),
                            NotifyRequest.class));
            Map<String, LocalFunction> functions = new java.util.HashMap<>();
            handlers.forEach((name, handler) -> functions.put(name,
                    settings.functions().decorate(name, budget.bound(handler))));
            this.journal = new ExecutionJournal(settings.stateDir());
            LocalStateMachine stateMachine = new LocalStateMachine(definition(),
                    Map.of("TransformerFunctionArn", "local:transformer",
                            "IntegratorFunctionArn", "local:integrator",
                            "ArchiverFunctionArn", "local:archiver",
                            "NotifierFunctionArn", "local:notifier"),
                    functions, seconds -> Thread.sleep((long) (seconds * 1000 / settings.retrySpeedup())),
                    settings.listener(), journal);
            this.starter = new LocalPipelineStarter(stateMachine, journal);
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
        S3Event event = objectCreated(key, Files.size(file));
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
        return s3Client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).sorted().toList();
    }

    /**
     * Every version of every object of a bucket, one key per version (delete markers left out), through S3's
     * ListObjectVersions; on a server that keeps no versions (S3Proxy answers 501), every object once.
     */
    public List<String> objectVersions(String bucket) {
        if (!serverKeepsVersions) {
            return keys(bucket);
        }
        try {
            List<String> versions = new java.util.ArrayList<>();
            s3Client.listObjectVersionsPaginator(b -> b.bucket(bucket))
                    .forEach(page -> page.versions().forEach(v -> versions.add(v.key())));
            return versions.stream().sorted().toList();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            serverKeepsVersions = false; // asked once: S3Proxy logs an error for each such request
            return keys(bucket);
        }
    }

    public Database database() {
        return database;
    }

    /** The partners registered with this pipeline: a file of any other partner is refused. */
    public PartnerRegistry partners() {
        return partners;
    }

    /** The S3 event S3 sends for a new object: key URL-encoded, a new sequencer for each upload. */
    private S3Event objectCreated(String key, long size) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        var object = new S3EventNotification.S3ObjectEntity(encodedKey, size, null, null,
                Long.toHexString(sequence.incrementAndGet()).toUpperCase());
        var identity = new S3EventNotification.UserIdentityEntity("local");
        var bucket = new S3EventNotification.S3BucketEntity(INGEST_BUCKET, identity, "arn:aws:s3:::" + INGEST_BUCKET);
        var s3 = new S3EventNotification.S3Entity("inbox-object-created", bucket, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("eu-west-3", "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"), s3, identity);
        return new S3Event(List.of(record));
    }

    private static String definition() throws IOException {
        try (InputStream in = LocalPipeline.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the state machine definition is not on the classpath: "
                        + DEFINITION_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
