package com.qlower.loaders.notifier;

import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/**
 * The notifier's configuration, read once at cold start. The database's login is in Secrets Manager
 * ({@link DatabaseSecret}).
 *
 * @param emailFrom the sender address of partners' emails, of a verified SES identity
 * @param sesConfigurationSet every email goes through it, for SES's event publishing
 */
public record NotifierConfig(String region, String emailFrom, String sesConfigurationSet,
                             DatabaseSecret.Location database) {

    public static NotifierConfig fromEnvironment(Map<String, String> env) {
        return new NotifierConfig(required(env, "AWS_REGION"), required(env, "EMAIL_FROM"),
                required(env, "SES_CONFIGURATION_SET"), DatabaseSecret.Location.fromEnvironment(env));
    }
}
