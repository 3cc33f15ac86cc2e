package com.qlower.loaders.ports;

import java.util.Optional;

/**
 * What was sent to a partner about each run, per channel ({@code notifications}): a retried Notify does not send
 * the same email or event twice. Outcomes are the notifier's own enums, stored by name.
 */
public interface NotificationLog {

    enum Channel { EMAIL, WEBHOOK }

    /** The outcome recorded for the run and channel, if any, as a constant of {@code type}. */
    <E extends Enum<E>> Optional<E> outcome(String runId, Channel channel, Class<E> type);

    /** Records (or replaces) the outcome of a channel; {@code detail} is for operators and holds no personal data. */
    void record(String runId, Channel channel, Enum<?> outcome, String detail);
}
