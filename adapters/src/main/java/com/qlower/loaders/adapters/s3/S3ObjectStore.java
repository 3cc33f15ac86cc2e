package com.qlower.loaders.adapters.s3;

import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.steps.FileRef;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} on S3 (or any S3 protocol server). */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public InputStream open(FileRef ref) {
        return call(ref.bucket(), ref.key(), () -> s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key())
                .versionId(ref.versionId())));
    }

    @Override
    public FileRef put(String bucket, String key, Path content, String contentType) {
        String version = call(bucket, key, () -> s3.putObject(b -> b.bucket(bucket).key(key)
                .contentType(contentType), RequestBody.fromFile(content))).versionId();
        return new FileRef(bucket, key, version);
    }

    @Override
    public FileRef put(String bucket, String key, byte[] content, String contentType) {
        String version = call(bucket, key, () -> s3.putObject(b -> b.bucket(bucket).key(key)
                .contentType(contentType), RequestBody.fromBytes(content))).versionId();
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

    private static <T> T call(String bucket, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFound(bucket, key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFound(bucket, key, e);
            }
            if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
                throw new TransientFailure("S3 answered " + e.statusCode() + " for s3://" + bucket + "/" + key, e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new TransientFailure("S3 could not be reached for s3://" + bucket + "/" + key, e);
        }
    }
}
