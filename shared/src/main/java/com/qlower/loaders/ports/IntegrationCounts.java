package com.qlower.loaders.ports;

/** What integrating one file changed: every accepted record is inserted, updated or unchanged. */
public record IntegrationCounts(long inserted, long updated, long unchanged, long retired) {

    public long total() {
        return inserted + updated + unchanged;
    }
}
