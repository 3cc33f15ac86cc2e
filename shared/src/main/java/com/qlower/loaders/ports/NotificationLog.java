package com.qlower.loaders.ports;

import java.util.Optional;

/**
 * What was sent to a partner about each run, per channel ({@code notifications}): a retried Notify does not send
 * the same email or event twice.
 */
public interface NotificationLog {

    enum Channel { EMAIL, WEBHOOK }

    /** The outcome recorded for the run and channel, if any. */
    Optional<String> outcome(String runId, Channel channel);

    /** Records (or replaces) the outcome of a channel; {@code detail} is for operators and holds no personal data. */
    void record(String runId, Channel channel, String outcome, String detail);
}
