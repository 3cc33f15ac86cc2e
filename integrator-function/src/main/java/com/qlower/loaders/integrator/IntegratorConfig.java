package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.Environment.required;

import java.util.Map;

/**
 * The integrator's configuration, read once at cold start. The database is configured apart
 * ({@link com.qlower.loaders.adapters.postgres.DatabaseSecret#fromEnvironment}): its password never sits in the
 * environment.
 */
public record IntegratorConfig(String region, String documentsBucket, String dataKeyArn) {

    public static IntegratorConfig fromEnvironment(Map<String, String> env) {
        return new IntegratorConfig(required(env, "AWS_REGION"), required(env, "DOCUMENTS_BUCKET"),
                required(env, "DATA_KEY_ARN"));
    }
}
