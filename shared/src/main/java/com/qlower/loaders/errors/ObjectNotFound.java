package com.qlower.loaders.errors;

/** The object (or that version of it) does not exist in the store. */
public class ObjectNotFound extends RuntimeException {
    public ObjectNotFound(String bucket, String key, Throwable cause) {
        super("no object s3://" + bucket + "/" + key, cause);
    }
}
