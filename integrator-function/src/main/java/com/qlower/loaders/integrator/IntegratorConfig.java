package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/**
 * The integrator's configuration, read once at cold start. The database's login is in Secrets Manager
 * ({@link DatabaseSecret}): its password never sits in the environment.
 */
public record IntegratorConfig(String region, String documentsBucket, String dataKeyArn,
                               DatabaseSecret.Location database) {

    public static IntegratorConfig fromEnvironment(Map<String, String> env) {
        return new IntegratorConfig(required(env, "AWS_REGION"), required(env, "DOCUMENTS_BUCKET"),
                required(env, "DATA_KEY_ARN"), DatabaseSecret.Location.fromEnvironment(env));
    }
}
