package com.qlower.loaders.ports;

import com.qlower.loaders.steps.FileRef;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * An object store (S3 on AWS, an S3 protocol server locally).
 *
 * <p>Contract: reads of a {@link FileRef} with a version id read that version, even after the key was deleted or
 * overwritten; without one they read the current object. Failures that may pass on their own (timeouts, throttling,
 * 5xx) are thrown as {@link com.qlower.loaders.errors.TransientFailure}; a missing object as
 * {@link com.qlower.loaders.errors.ObjectNotFound}.
 */
public interface ObjectStore {

    /** Opens one object for streaming; the caller closes the stream. */
    InputStream open(FileRef ref);

    /**
     * Stores a file's content under a key, replacing any current object.
     *
     * @return a reference to the version just written (its version id is null in an unversioned bucket)
     */
    FileRef put(String bucket, String key, Path content, String contentType);

    /** Stores small content (reports, documents) under a key, replacing any current object. */
    FileRef put(String bucket, String key, byte[] content, String contentType);

    /** True when a current object exists under the key. */
    boolean exists(String bucket, String key);

    /** Copies one object (version) to another key. */
    void copy(FileRef from, String toBucket, String toKey);

    /** Deletes one object; with a version id, that version. Deleting what does not exist is not an error. */
    void delete(FileRef ref);

    /**
     * Deletes every version of a key, delete markers included: after an erasure, no earlier content remains to be
     * restored. In an unversioned bucket, deletes the object.
     */
    void deleteAllVersions(String bucket, String key);

    /**
     * Deletes every version of the key but the one given, which {@link #put} just wrote over earlier content. In an
     * unversioned bucket (version id null) the put already replaced the only copy, and nothing is deleted.
     */
    void deleteEarlierVersions(FileRef kept);
}
