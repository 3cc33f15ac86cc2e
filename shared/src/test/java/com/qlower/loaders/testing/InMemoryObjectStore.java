package com.qlower.loaders.testing;

import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.steps.FileRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The object store as a map, for the core tests. Not versioned: version ids are ignored. */
public final class InMemoryObjectStore implements ObjectStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public InputStream open(FileRef ref) {
        byte[] content = objects.get(path(ref.bucket(), ref.key()));
        if (content == null) {
            throw new ObjectNotFound(ref.bucket(), ref.key(), null);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public FileRef put(String bucket, String key, Path content, String contentType) {
        try {
            return put(bucket, key, Files.readAllBytes(content), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FileRef put(String bucket, String key, byte[] content, String contentType) {
        objects.put(path(bucket, key), content.clone());
        return new FileRef(bucket, key, null);
    }

    @Override
    public boolean exists(String bucket, String key) {
        return objects.containsKey(path(bucket, key));
    }

    @Override
    public void copy(FileRef from, String toBucket, String toKey) {
        try (InputStream in = open(from)) {
            objects.put(path(toBucket, toKey), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(FileRef ref) {
        objects.remove(path(ref.bucket(), ref.key()));
    }

    @Override
    public void deleteAllVersions(String bucket, String key) {
        objects.remove(path(bucket, key));
    }

    @Override
    public void deleteEarlierVersions(FileRef kept) {
        // one version per key here: the put replaced the earlier content
    }

    /** Every key of a bucket, sorted. */
    public Set<String> keys(String bucket) {
        Map<String, byte[]> inBucket = new TreeMap<>();
        objects.forEach((path, content) -> {
            if (path.startsWith(bucket + "/")) {
                inBucket.put(path.substring(bucket.length() + 1), content);
            }
        });
        return inBucket.keySet();
    }

    public byte[] content(String bucket, String key) {
        return objects.get(path(bucket, key));
    }

    private static String path(String bucket, String key) {
        return bucket + "/" + key;
    }
}
