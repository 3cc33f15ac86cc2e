package com.qlower.loaders.transformer;

import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/** The transformer's configuration, read once at cold start. */
public record TransformerConfig(String region, UpstreamWait upstreamWait, DatabaseSecret.Location database) {

    public static TransformerConfig fromEnvironment(Map<String, String> env) {
        return new TransformerConfig(required(env, "AWS_REGION"), UpstreamWait.fromEnvironment(env),
                DatabaseSecret.Location.fromEnvironment(env));
    }
}
