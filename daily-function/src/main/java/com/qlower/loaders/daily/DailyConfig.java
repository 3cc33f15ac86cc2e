package com.qlower.loaders.daily;

import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/** The daily function's configuration, read once at cold start: the summaries go to {@code ingestBucket}. */
public record DailyConfig(String region, String ingestBucket, DatabaseSecret.Location database) {

    public static DailyConfig fromEnvironment(Map<String, String> env) {
        return new DailyConfig(required(env, "AWS_REGION"), required(env, "INGEST_BUCKET"),
                DatabaseSecret.Location.fromEnvironment(env));
    }
}
