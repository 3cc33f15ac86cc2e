package com.qlower.loaders.validator;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.qlower.loaders.steps.FileRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file as an S3 "object created" event announces it.
 *
 * @param key the decoded object key
 * @param versionId null in an unversioned bucket (where S3 events carry no version, or an empty one)
 * @param sequencer S3's ordering token of the event: the same for duplicate deliveries of one event
 */
public record IncomingFile(String bucket, String key, String versionId, long sizeBytes, String sequencer) {

    public IncomingFile {
        // an event of an unversioned bucket may say "versionId": "": that is no version, not a version named ""
        if (versionId != null && versionId.isBlank()) {
            versionId = null;
        }
    }

    /** The file one record of an S3 notification announces. */
    static IncomingFile of(S3EventNotificationRecord record) {
        return new IncomingFile(record.getS3().getBucket().getName(), record.getS3().getObject().getUrlDecodedKey(),
                record.getS3().getObject().getVersionId(), record.getS3().getObject().getSizeAsLong(),
                record.getS3().getObject().getSequencer());
    }

    /** Longest execution name Step Functions accepts. */
    static final int MAX_EXECUTION_NAME = 80;

    public FileRef ref() {
        return new FileRef(bucket, key, versionId);
    }

    /**
     * The run id: a hash of the bucket, key and version (or the event's sequencer where the bucket is not versioned).
     * S3 may deliver one event several times; each delivery gives the same run id, so one execution.
     */
    public String runId() {
        String identity = bucket + "\n" + key + "\n" + (versionId != null ? "v:" + versionId : "s:" + sequencer);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The execution name: readable for the operator in the console (the file name, reduced to the characters
     * Step Functions allows), and unique through the run id.
     */
    public String executionName() {
        String fileName = key.substring(key.lastIndexOf('/') + 1).replaceAll("\\.json$", "");
        String partner = key.startsWith("inbox/") && key.indexOf('/', 6) > 6 ? key.substring(6, key.indexOf('/', 6))
                : "unknown";
        String readable = (partner + "-" + fileName).replaceAll("[^A-Za-z0-9_-]", "_");
        int room = MAX_EXECUTION_NAME - runId().length() - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable + "-" + runId();
    }
}
