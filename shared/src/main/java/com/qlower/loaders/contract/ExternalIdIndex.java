package com.qlower.loaders.contract;

/**
 * Remembers which external ids it has seen, and at which record. Keeps a 64-bit hash of each id, not the id: about
 * 20 bytes per entry, where a set of strings would take several times that. Two different ids share a hash with a
 * probability of about 1 in 10^8 for a million records; such a pair would be reported as a duplicate the partner can
 * see is not one. {@link DuplicateFinder} spreads a file's ids over many of these, one at a time.
 */
public final class ExternalIdIndex {

    private static final int NOT_FOUND = -1;

    private long[] hashes = new long[1024];
    private int[] recordIndexes = new int[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /**
     * Records that {@code externalId} (of record type {@code type}) appears at {@code recordIndex}.
     *
     * @return the index of the earlier record with the same type and id, or -1 when it is the first
     */
    public long firstIndexOrAdd(String type, String externalId, long recordIndex) {
        return firstIndexOrAdd(hash(type, externalId), recordIndex);
    }

    /** The same, for an id already hashed with {@link #hash}. */
    public long firstIndexOrAdd(long hash, long recordIndex) {
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (used[slot]) {
            if (hashes[slot] == hash) {
                return recordIndexes[slot];
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        hashes[slot] = hash;
        recordIndexes[slot] = (int) Math.min(recordIndex, Integer.MAX_VALUE);
        if (++size * 4 > hashes.length * 3) {
            grow();
        }
        return NOT_FOUND;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldIndexes = recordIndexes;
        boolean[] oldUsed = used;
        hashes = new long[oldHashes.length * 2];
        recordIndexes = new int[oldHashes.length * 2];
        used = new boolean[oldHashes.length * 2];
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldUsed[i]) {
                int slot = (int) (oldHashes[i] ^ (oldHashes[i] >>> 32)) & mask;
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                hashes[slot] = oldHashes[i];
                recordIndexes[slot] = oldIndexes[i];
            }
        }
    }

    /** FNV-1a over the type, a separator and the id, then a 64-bit finalizer to spread the bits. */
    public static long hash(String type, String externalId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < type.length(); i++) {
            h = (h ^ type.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0) * 0x100000001b3L;
        for (int i = 0; i < externalId.length(); i++) {
            h = (h ^ externalId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
