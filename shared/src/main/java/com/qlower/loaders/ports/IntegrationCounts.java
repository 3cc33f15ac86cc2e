package com.qlower.loaders.ports;

/**
 * What integrating one file changed: every accepted record is inserted, updated or unchanged; a snapshot also
 * retires the partner's records it no longer holds.
 *
 * @param retirementSkipped a snapshot with rejected records retires nothing: a record rejected today is not gone
 * @param sameContentAs the key of an earlier file of the partner and loader with the same content (SHA-256), when
 *     this one was therefore not applied: it changed nothing; null otherwise
 */
public record IntegrationCounts(long inserted, long updated, long unchanged, long retired,
                                boolean retirementSkipped, String sameContentAs) {

    public IntegrationCounts(long inserted, long updated, long unchanged, long retired) {
        this(inserted, updated, unchanged, retired, false, null);
    }

    public long total() {
        return inserted + updated + unchanged;
    }
}
