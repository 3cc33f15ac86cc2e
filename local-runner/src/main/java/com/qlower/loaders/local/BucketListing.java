package com.qlower.loaders.local;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a bucket of the local S3 server holds, as the tests and commands compare it before and after a file. Kept
 * apart from the pipeline because it asks S3 directly (not through the object store port) and remembers whether the
 * server keeps versions at all.
 */
final class BucketListing {

    private final S3Client s3Client;
    private volatile boolean serverKeepsVersions = true;

    BucketListing(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    /** Every key of a bucket, sorted. */
    List<String> keys(String bucket) {
        return s3Client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /**
     * Every version of every object of a bucket, one key per version (delete markers left out), through S3's
     * ListObjectVersions; on a server that keeps no versions (S3Proxy answers 501), every object once.
     */
    List<String> objectVersions(String bucket) {
        if (!serverKeepsVersions) {
            return keys(bucket);
        }
        try {
            List<String> versions = new ArrayList<>();
            s3Client.listObjectVersionsPaginator(b -> b.bucket(bucket))
                    .forEach(page -> page.versions().forEach(v -> versions.add(v.key())));
            return versions.stream().sorted().toList();
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            serverKeepsVersions = false; // asked once: S3Proxy logs an error for each such request
            return keys(bucket);
        }
    }
}
