package com.qlower.loaders.ports;

import com.qlower.loaders.audit.AuditEvent;

/**
 * The append-only trail of every interaction with a file ({@code audit_events}). Each event carries the hash of
 * the previous event of the same file (run), so a history changed afterwards no longer verifies.
 *
 * <p>Contract: {@link #record} appends one event, chained to the run's last one; the functions' database role can
 * neither update nor delete events.
 */
public interface AuditTrail {

    void record(AuditEvent event);

    /** Records nothing: for the benchmarks and the tests that do not look at the trail. */
    AuditTrail NONE = event -> { };
}
