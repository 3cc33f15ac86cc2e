package com.qlower.loaders.adapters.s3;

import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.steps.FileRef;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} on S3 (or any S3 protocol server). */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String kmsKeyId;

    public S3ObjectStore(S3Client s3) {
        this(s3, null);
    }

    /**
     * @param kmsKeyId when set, every object is written with SSE-KMS under this key, asked for explicitly rather
     *     than left to the bucket's default: a bucket whose default was changed does not silently store documents
     *     under another key. Null leaves encryption to the bucket (the local S3 server has no KMS).
     */
    public S3ObjectStore(S3Client s3, String kmsKeyId) {
        this.s3 = s3;
        this.kmsKeyId = kmsKeyId;
    }

    private PutObjectRequest.Builder encrypted(PutObjectRequest.Builder request) {
        return kmsKeyId == null ? request
                : request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }

    @Override
    public InputStream open(FileRef ref) {
        return call(ref.bucket(), ref.key(), () -> s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key())
                .versionId(ref.versionId())));
    }

    @Override
    public FileRef put(String bucket, String key, Path content, String contentType) {
        String version = call(bucket, key, () -> s3.putObject(b -> encrypted(b.bucket(bucket).key(key)
                .contentType(contentType)), RequestBody.fromFile(content))).versionId();
        return new FileRef(bucket, key, version);
    }

    @Override
    public FileRef put(String bucket, String key, byte[] content, String contentType) {
        String version = call(bucket, key, () -> s3.putObject(b -> encrypted(b.bucket(bucket).key(key)
                .contentType(contentType)), RequestBody.fromBytes(content))).versionId();
        return new FileRef(bucket, key, version);
    }

    @Override
    public boolean exists(String bucket, String key) {
        try {
            call(bucket, key, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return true;
        } catch (ObjectNotFound e) {
            return false;
        }
    }

    @Override
    public void copy(FileRef from, String toBucket, String toKey) {
        call(from.bucket(), from.key(), () -> s3.copyObject(b -> b.sourceBucket(from.bucket()).sourceKey(from.key())
                .sourceVersionId(from.versionId()).destinationBucket(toBucket).destinationKey(toKey)));
    }

    @Override
    public void delete(FileRef ref) {
        call(ref.bucket(), ref.key(), () -> s3.deleteObject(b -> b.bucket(ref.bucket()).key(ref.key())
                .versionId(ref.versionId())));
    }

    @Override
    public void deleteAllVersions(String bucket, String key) {
        List<String> versions = versionsOf(bucket, key);
        if (versions == null) {
            delete(new FileRef(bucket, key, null)); // no versioning: one copy per key
            return;
        }
        versions.forEach(version -> delete(new FileRef(bucket, key, version)));
    }

    @Override
    public void deleteEarlierVersions(FileRef kept) {
        if (kept.versionId() == null) {
            return; // unversioned: the put replaced the only copy
        }
        List<String> versions = versionsOf(kept.bucket(), kept.key());
        if (versions != null) {
            versions.stream().filter(v -> !v.equals(kept.versionId()))
                    .forEach(version -> delete(new FileRef(kept.bucket(), kept.key(), version)));
        }
    }

    /**
     * Every version id of exactly this key, delete markers included ("null" for the object written before versioning
     * was enabled); null when the server does not do versioning at all (S3Proxy, the local server, answers 501).
     */
    private List<String> versionsOf(String bucket, String key) {
        List<String> versions = new ArrayList<>();
        try {
            call(bucket, key, () -> {
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)).forEach(page -> {
                    page.versions().stream().filter(v -> v.key().equals(key)).forEach(v -> versions.add(v.versionId()));
                    page.deleteMarkers().stream().filter(m -> m.key().equals(key))
                            .forEach(m -> versions.add(m.versionId()));
                });
                return null;
            });
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                return null;
            }
            throw e;
        }
        return versions;
    }

    private static <T> T call(String bucket, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFound(bucket, key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFound(bucket, key, e);
            }
            // 501 Not Implemented is an answer, not an outage: the caller decides what it means
            if ((e.statusCode() >= 500 && e.statusCode() != 501) || e.statusCode() == 429
                    || e.isThrottlingException()) {
                throw new TransientFailure("S3 answered " + e.statusCode() + " for s3://" + bucket + "/" + key, e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new TransientFailure("S3 could not be reached for s3://" + bucket + "/" + key, e);
        }
    }
}
