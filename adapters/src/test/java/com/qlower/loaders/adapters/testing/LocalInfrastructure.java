package com.qlower.loaders.adapters.testing;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.ports.ObjectStore;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a handler test runs on instead of AWS: an in-memory S3 protocol server with the client and the
 * {@link ObjectStore} the functions use on it and, if asked, a {@link TestDatabase} of the pipeline's tables. Closing
 * it stops the S3 server and drops the database.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final LocalS3Server s3;
    private final S3Client s3Client;
    private final ObjectStore objectStore;
    private final TestDatabase database;

    private LocalInfrastructure(LocalS3Server s3, TestDatabase database) {
        this.s3 = s3;
        this.s3Client = AwsClients.s3(s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
        this.objectStore = new S3ObjectStore(s3Client);
        this.database = database;
    }

    /** An S3 server alone, for the steps that touch no database. */
    public static LocalInfrastructure s3Only() throws Exception {
        return new LocalInfrastructure(LocalS3Server.inMemory(), null);
    }

    /** An S3 server and a database of the pipeline's tables on the test JVM's PostgreSQL. */
    public static LocalInfrastructure s3AndPostgres() throws Exception {
        LocalS3Server s3 = LocalS3Server.inMemory();
        try {
            return new LocalInfrastructure(s3, TestDatabase.create());
        } catch (Exception e) {
            s3.close();
            throw e;
        }
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
