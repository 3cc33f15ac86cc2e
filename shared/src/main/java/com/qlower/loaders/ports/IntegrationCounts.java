package com.qlower.loaders.ports;

/**
 * What integrating one file changed: every accepted record is inserted, updated or unchanged; a snapshot also
 * retires the partner's records it no longer holds.
 *
 * @param retirementSkipped a snapshot with rejected records retires nothing: a record rejected today is not gone
 */
public record IntegrationCounts(long inserted, long updated, long unchanged, long retired,
                                boolean retirementSkipped) {

    public IntegrationCounts(long inserted, long updated, long unchanged, long retired) {
        this(inserted, updated, unchanged, retired, false);
    }

    public long total() {
        return inserted + updated + unchanged;
    }
}
