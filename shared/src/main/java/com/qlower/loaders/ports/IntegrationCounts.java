package com.qlower.loaders.ports;

import java.util.List;

/**
 * What integrating one file changed. Every accepted record is inserted, updated, unchanged, retired (a delta's
 * {@code "action": "retire"}) or an erasure request; a snapshot also retires the partner's records it no longer
 * holds, counted in {@code retired} too.
 *
 * @param retirementSkipped a snapshot with rejected records retires nothing: a record rejected today is not gone
 * @param sameContentAs the key of the first earlier file of the partner and loader with the same content (SHA-256);
 *     null when the content is new. The file is applied all the same (the counts say what it changed): after a
 *     correction, an earlier content sent again brings that content back
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
