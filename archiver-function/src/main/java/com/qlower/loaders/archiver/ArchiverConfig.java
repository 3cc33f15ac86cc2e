package com.qlower.loaders.archiver;

import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/** The archiver's configuration, read once at cold start. */
public record ArchiverConfig(String region, DatabaseSecret.Location database) {

    public static ArchiverConfig fromEnvironment(Map<String, String> env) {
        return new ArchiverConfig(required(env, "AWS_REGION"), DatabaseSecret.Location.fromEnvironment(env));
    }
}
