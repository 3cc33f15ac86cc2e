package com.qlower.loaders.ports;

import com.qlower.loaders.report.RunReport;

/**
 * The record of every file's run ({@code ingestion_runs}), which Qlower's other systems and operators read.
 *
 * <p>Contract: {@link #recordOutcome} is idempotent: recording the same report twice leaves one row.
 */
public interface RunLedger {

    void recordOutcome(RunReport report);
}
