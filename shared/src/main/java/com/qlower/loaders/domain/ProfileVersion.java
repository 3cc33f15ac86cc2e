package com.qlower.loaders.domain;

/**
 * The mapping profile a file was read with: its name and the version the partner registry gave it (every stored
 * change is a new version, the earlier ones kept).
 */
public record ProfileVersion(String profileId, int version) {

    @Override
    public String toString() {
        return profileId + " v" + version;
    }
}
