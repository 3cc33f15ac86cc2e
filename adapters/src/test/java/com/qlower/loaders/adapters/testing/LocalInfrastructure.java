package com.qlower.loaders.adapters.testing;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a handler test runs on instead of AWS: an in-memory S3 protocol server with the client and the
 * {@link ObjectStore} the functions use on it and, if asked, a {@link TestDatabase} of the pipeline's tables. Closing
 * it stops the S3 server and drops the database.
 *
 * <p>A test class registers one as an extension, its buckets created; it is closed after the class and, if asked,
 * its buckets emptied and its database reset before each test:
 * <pre>{@code @RegisterExtension
 * static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
 *         .withBuckets(INGEST_BUCKET).emptiedBeforeEachTest();}</pre>
 */
public final class LocalInfrastructure implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    private final LocalS3Server s3;
    private final S3Client s3Client;
    private final ObjectStore objectStore;
    private final TestDatabase database;
    private final List<String> buckets = new ArrayList<>();
    private boolean emptiedBeforeEachTest;

    private LocalInfrastructure(LocalS3Server s3, TestDatabase database) {
        this.s3 = s3;
        this.s3Client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
        this.objectStore = new S3ObjectStore(s3Client);
        this.database = database;
    }

    /** An S3 server alone, for the steps that touch no database. */
    public static LocalInfrastructure s3Only() {
        return new LocalInfrastructure(startS3(), null);
    }

    /** An S3 server and a database of the pipeline's tables on the test JVM's PostgreSQL. */
    public static LocalInfrastructure s3AndPostgres() {
        LocalS3Server s3 = startS3();
        try {
            return new LocalInfrastructure(s3, TestDatabase.create());
        } catch (RuntimeException e) {
            try {
                s3.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static LocalS3Server startS3() {
        try {
            return LocalS3Server.inMemory();
        } catch (Exception e) {
            throw new IllegalStateException("the in-memory S3 protocol server did not start", e);
        }
    }

    /** Creates the buckets: those {@link #emptiedBeforeEachTest()} empties. */
    public LocalInfrastructure withBuckets(String... names) {
        createBuckets(names);
        buckets.addAll(List.of(names));
        return this;
    }

    /** As an extension: its buckets emptied and its database (if any) reset before each test. */
    public LocalInfrastructure emptiedBeforeEachTest() {
        this.emptiedBeforeEachTest = true;
        return this;
    }

    /** Where the S3 protocol server listens: for clients the tests build themselves (a presigner). */
    public java.net.URI s3Endpoint() {
        return s3.endpoint();
    }

    public S3Client s3Client() {
        return s3Client;
    }

    public ObjectStore objectStore() {
        return objectStore;
    }

    public Database database() {
        return testDatabase().database();
    }

    /** Empties every table of the database: between tests. */
    public void resetDatabase() {
        testDatabase().reset();
    }

    private TestDatabase testDatabase() {
        if (database == null) {
            throw new IllegalStateException("started without PostgreSQL: use LocalInfrastructure.s3AndPostgres()");
        }
        return database;
    }

    public void createBuckets(String... buckets) {
        for (String bucket : buckets) {
            s3Client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Deletes every object of the buckets, which stay. */
    public void emptyBuckets(String... buckets) {
        for (String bucket : buckets) {
            for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                s3Client.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
    }

    /** How many transactions of the partner the database holds. */
    public long transactionsOf(String partnerId) {
        return database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from transactions where partner_id = :partner").bind("partner", partnerId)
                .mapTo(Long.class).one());
    }

    /** The run's row of {@code ingestion_runs}, column by column. */
    public Map<String, Object> ingestionRun(String runId) {
        return database().jdbi().withHandle(h -> h.createQuery("select * from ingestion_runs where run_id = :run")
                .bind("run", runId).mapToMap().one());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emptiedBeforeEachTest) {
            emptyBuckets(buckets.toArray(String[]::new));
            if (database != null) {
                database.reset();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** Stops the S3 client, the S3 server, then drops the database, each even if the one before failed. */
    @Override
    public void close() throws Exception {
        try {
            s3Client.close();
        } finally {
            try {
                s3.close();
            } finally {
                if (database != null) {
                    database.close();
                }
            }
        }
    }
}
