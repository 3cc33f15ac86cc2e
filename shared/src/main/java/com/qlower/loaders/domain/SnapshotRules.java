package com.qlower.loaders.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rules a snapshot follows against what the partner sent before, as pure functions: the integration store
 * counts, these decide. The same rules serve the PostgreSQL store and the in-memory one of the tests.
 */
public final class SnapshotRules {

    private SnapshotRules() {
    }

    /** Which snapshot a file is: its date, then its same-day correction number (0 without one). */
    public record Version(LocalDate date, int correction) {
    }

    /**
     * What a snapshot would retire of one kind of record.
     *
     * @param entity the kind of record, as the partner reads it in a refusal ("properties")
     * @param absent the partner's active records the snapshot does not hold
     * @param activeBefore the partner's active records before this file: not those the snapshot itself adds or
     *     brings back, which would let a snapshot re-keying its records retire the old ones
     */
    public record AbsentRecords(String entity, long absent, long activeBefore) {
    }

    /** Snapshots apply in order of date, then correction number: one older than the last applied is stale. */
    public static boolean isStale(Version incoming, Version lastApplied) {
        return incoming.date().isBefore(lastApplied.date())
                || incoming.date().equals(lastApplied.date()) && incoming.correction() < lastApplied.correction();
    }

    /** A snapshot with rejected records retires nothing: a record rejected today is not gone. */
    public static boolean retiresAbsentRecords(long rejected) {
        return rejected == 0;
    }

    /**
     * The first kind of record whose retirement the guard refuses, checked for every kind before any is retired;
     * none when an operator authorized this snapshot's retirements.
     */
    public static Optional<AbsentRecords> firstRefused(DeletionGuard guard, boolean authorized,
                                                       List<AbsentRecords> kinds) {
        if (authorized) {
            return Optional.empty();
        }
        return kinds.stream().filter(k -> guard.refuses(k.absent(), k.activeBefore())).findFirst();
    }
}
