package com.qlower.loaders.validator;

import static com.qlower.loaders.adapters.Environment.optional;
import static com.qlower.loaders.adapters.Environment.required;

import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import java.util.Map;

/**
 * The validator's configuration, read once at cold start.
 *
 * @param maxFileBytes files larger than this are rejected from the event's size, before any download
 * @param rejectTolerancePercent above this share of rejected records, the whole file fails
 */
public record ValidatorConfig(String region, String stateMachineArn, long maxFileBytes, double rejectTolerancePercent,
                              DatabaseSecret.Location database) {

    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
    public static final double DEFAULT_REJECT_TOLERANCE_PERCENT = 5.0;

    public static ValidatorConfig fromEnvironment(Map<String, String> env) {
        return new ValidatorConfig(
                required(env, "AWS_REGION"),
                required(env, "STATE_MACHINE_ARN"),
                Long.parseLong(optional(env, "MAX_FILE_BYTES", Long.toString(DEFAULT_MAX_FILE_BYTES))),
                Double.parseDouble(optional(env, "REJECT_TOLERANCE_PERCENT",
                        Double.toString(DEFAULT_REJECT_TOLERANCE_PERCENT))),
                DatabaseSecret.Location.fromEnvironment(env));
    }
}
