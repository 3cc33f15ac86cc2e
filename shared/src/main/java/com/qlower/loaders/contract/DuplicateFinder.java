package com.qlower.loaders.contract;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the records of a file that repeat an earlier record's type and external id, in memory that does not grow
 * with the file: each id's hash and record index go to one of {@value #PARTITIONS} temporary files by the top bits
 * of the hash, then each partition is checked on its own with an {@link ExternalIdIndex}. A file of a million
 * records holds about 16,000 ids in memory at a time.
 */
public final class DuplicateFinder implements AutoCloseable {

    static final int PARTITIONS = 64;

    private final Path folder;
    private final DataOutputStream[] partitions = new DataOutputStream[PARTITIONS];

    public DuplicateFinder() {
        try {
            this.folder = Files.createTempDirectory("duplicates-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(String type, String externalId, long recordIndex) {
        long hash = ExternalIdIndex.hash(type, externalId);
        int partition = (int) (hash >>> 58);
        try {
            if (partitions[partition] == null) {
                partitions[partition] = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(folder.resolve(Integer.toString(partition))), 8192));
            }
            partitions[partition].writeLong(hash);
            partitions[partition].writeLong(recordIndex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each repeating record's index, with the index of the first record that used its id; in file order. */
    public SortedMap<Long, Long> duplicates() {
        SortedMap<Long, Long> repeats = new TreeMap<>();
        try {
            for (int p = 0; p < PARTITIONS; p++) {
                if (partitions[p] == null) {
                    continue;
                }
                partitions[p].close();
                ExternalIdIndex seen = new ExternalIdIndex();
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                        Files.newInputStream(folder.resolve(Integer.toString(p))), 1 << 16))) {
                    while (true) {
                        long hash;
                        try {
                            hash = in.readLong();
                        } catch (EOFException end) {
                            break;
                        }
                        long index = in.readLong();
                        long first = seen.firstIndexOrAdd(hash, index);
                        if (first >= 0) {
                            repeats.put(index, first);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repeats;
    }

    @Override
    public void close() {
        try {
            for (DataOutputStream out : partitions) {
                if (out != null) {
                    out.close();
                }
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
