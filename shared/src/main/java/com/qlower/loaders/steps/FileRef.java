package com.qlower.loaders.steps;

/**
 * A reference to one version of an object: what the steps pass to each other instead of data.
 *
 * @param versionId null where the bucket is not versioned (the local S3 server)
 */
public record FileRef(String bucket, String key, String versionId) {
}
