package com.qlower.loaders.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One local runner at a time on a state folder: {@code STATE_DIR/runner.lock} holds the pid of the runner using
 * it, under an operating-system lock that dies with its process (a {@code kill -9} too), so a lock left by a dead
 * runner is free again while a live one's is refused with its pid. Once the lock is taken, an embedded PostgreSQL
 * still running on the folder's data can only be an orphan of a killed runner: it is stopped before the new one
 * starts.
 */
final class StateFolderLock implements AutoCloseable {

    static final String FILE = "runner.lock";
    private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(60);

    /** The state folder is in use by a live runner; the message is one line saying which and what to do. */
    static final class InUse extends Exception {
        InUse(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private StateFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the state folder for this process, then stops the embedded PostgreSQL a killed runner left running
     * on it, if any.
     *
     * @param say where the one-line notice of a stopped orphan goes
     */
    static StateFolderLock acquire(Path stateDir, Consumer<String> say) throws InUse, IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new InUse(stateDir + " is in use by another ./loaders (pid " + (holder.isEmpty() ? "unknown"
                    : holder) + "): wait for it to end, or give another --state-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        StateFolderLock taken = new StateFolderLock(channel, lock);
        try {
            stopOrphanPostgres(stateDir.resolve("postgres"), say);
        } catch (IOException | RuntimeException e) {
            taken.close();
            throw e;
        }
        return taken;
    }

    /**
     * The server named by {@code postmaster.pid}, when it still runs: no live runner holds the folder, so a killed
     * one left it. A smart shutdown (SIGTERM) ends it, its clients being gone with their process.
     */
    private static void stopOrphanPostgres(Path dataFolder, Consumer<String> say) throws IOException {
        Path pidFile = dataFolder.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("[0-9]+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // a stale pid file: PostgreSQL starts over it by itself
        }
        server.get().destroy();
        try {
            server.get().onExit().get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the embedded PostgreSQL (pid " + pid + ") left running by a killed ./loaders on "
                    + dataFolder + " did not stop within " + ORPHAN_SHUTDOWN.toSeconds() + " s: stop it (kill " + pid
                    + "), then run again", e);
        }
        say.accept("stopped the embedded PostgreSQL (pid " + pid + ") that a killed ./loaders left running on "
                + dataFolder);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
