package com.qlower.loaders.ports;

import java.util.List;

/**
 * What integrating one file changed. Every accepted record is inserted, updated, unchanged, retired (a delta's
 * {@code "action": "retire"}) or an erasure request; a snapshot also retires the partner's records it no longer
 * holds, counted in {@code retired} too.
 *
 * @param retirementSkipped a snapshot with rejected records retires nothing: a record rejected today is not gone
 * @param sameContentAs the key of an earlier file of the partner and loader with the same content (SHA-256), when
 *     this one was therefore not applied: it changed nothing; null otherwise
 * @param erasures what each erasure request of the file did, in file order
 */
public record IntegrationCounts(long inserted, long updated, long unchanged, long retired,
                                boolean retirementSkipped, String sameContentAs, List<ErasureOutcome> erasures) {

    public IntegrationCounts {
        erasures = List.copyOf(erasures);
    }

    public IntegrationCounts(long inserted, long updated, long unchanged, long retired) {
        this(inserted, updated, unchanged, retired, false, null, List.of());
    }

    public long erased() {
        return erasures.size();
    }
}
