package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notifications S3 sends the validator when a partner's file lands in the inbox bucket. The local S3 server
 * sends none, so the local pipeline writes them itself, shaped as S3 shapes them: the key URL-encoded, and a new
 * sequencer for each upload, which is how the validator tells a new upload from the same one delivered again.
 */
final class InboxEvents {

    private final String bucket;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    /** @param bucket the inbox bucket the objects are created in */
    InboxEvents(String bucket) {
        this.bucket = bucket;
    }

    /** The S3 event S3 sends for a new object: key URL-encoded, a new sequencer for each upload. */
    S3Event objectCreated(String key, long size) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        var object = new S3EventNotification.S3ObjectEntity(encodedKey, size, null, null,
                Long.toHexString(sequence.incrementAndGet()).toUpperCase());
        var identity = new S3EventNotification.UserIdentityEntity("local");
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket, identity, "arn:aws:s3:::" + bucket);
        var s3 = new S3EventNotification.S3Entity("inbox-object-created", bucketEntity, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("eu-west-3", "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"), s3, identity);
        return new S3Event(List.of(record));
    }
}
