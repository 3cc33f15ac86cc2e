package com.qlower.loaders.bulkload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A gzipped file a step writes in the temporary folder, then uploads or discards: the one place that creates it,
 * closes it once and removes it. Where the buffer sits is the writer's choice, as its writes are small or large.
 */
public final class TemporaryGzipFile implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private boolean closed;

    private TemporaryGzipFile(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Buffered between gzip and the disk: for a writer that hands gzip large chunks (Jackson's own buffer). */
    public static TemporaryGzipFile bufferedBelowGzip(String prefix, String suffix) {
        Path file = create(prefix, suffix);
        try {
            return new TemporaryGzipFile(file, new FastestGzip(new BufferedOutputStream(Files.newOutputStream(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Buffered before gzip: for a writer of many small pieces, which gzip handles better gathered. */
    public static TemporaryGzipFile bufferedAboveGzip(String prefix, String suffix, int bufferBytes) {
        Path file = create(prefix, suffix);
        try {
            return new TemporaryGzipFile(file, new BufferedOutputStream(new FastestGzip(Files.newOutputStream(file)),
                    bufferBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path create(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OutputStream out() {
        return out;
    }

    public Path file() {
        return file;
    }

    /** Ends the gzip stream; once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes if need be, and removes the file. */
    public void discard() {
        try {
            close();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
