package com.qlower.loaders.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Stopped PostgreSQL clusters kept in one folder, made once and copied for each server that would otherwise run
 * initdb (and, for {@link LocalPostgres#prepared}, its migrations). Copying a cluster's folder takes a few hundred
 * milliseconds; initdb takes seconds, most of them spent waiting for the disk.
 *
 * <p>The folder is named by the system property {@value #PROPERTY}; the build sets it to a folder under its
 * {@code target/} for the test JVMs, which then share the seeds: the first JVM that needs one makes it under a file
 * lock, the others wait for it and copy it. Unset (the local runner), every server runs initdb as before.
 */
final class ClusterSeeds {

    static final String PROPERTY = "loaders.postgres.seeds";

    private static final String READY = "seed-ready";

    private ClusterSeeds() {
    }

    /** The folder of the seeds, or null when none is configured. */
    static Path folder() {
        String folder = System.getProperty(PROPERTY, "");
        return folder.isBlank() ? null : Path.of(folder).toAbsolutePath();
    }

    /** What makes a seed: it fills the empty (or missing) folder it is given with a stopped cluster. */
    interface Maker {
        void make(Path cluster) throws Exception;
    }

    /**
     * The seed of that name, made by {@code maker} if no JVM has made it yet. A seed half made (a JVM killed while
     * making it) is made again: only a finished one carries its {@value #READY} mark.
     */
    static synchronized Path seed(Path folder, String name, Maker maker) throws IOException {
        Path seed = folder.resolve(name);
        if (Files.exists(seed.resolve(READY))) {
            return seed;
        }
        Files.createDirectories(folder);
        try (FileChannel channel = FileChannel.open(folder.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (!Files.exists(seed.resolve(READY))) {
                delete(seed);
                maker.make(seed);
                Files.createFile(seed.resolve(READY));
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not make the PostgreSQL seed " + seed, e);
        }
        return seed;
    }

    /** Copies a stopped cluster into {@code target} (created, or empty), with the owner-only mode PostgreSQL asks. */
    static void copy(Path cluster, Path target) throws IOException {
        Files.walkFileTree(cluster, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(cluster.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!name.equals(READY) && !name.equals("epg-lock")) {
                    Files.copy(file, target.resolve(cluster.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes a throwaway server's folder once it is stopped. At the JVM's exit the embedded server's own shutdown
     * hook may still be stopping it (its last files being written): the deletion is tried again a few times, then
     * left to the temporary folder's clean-up.
     */
    static void deleteThrowaway(Path folder) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                delete(folder);
                return;
            } catch (UncheckedIOException e) {
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Deletes a folder and what it holds, if it exists. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder, e);
        }
    }
}
