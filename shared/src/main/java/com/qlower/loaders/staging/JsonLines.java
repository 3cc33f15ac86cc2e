package com.qlower.loaders.staging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.bulkload.TemporaryGzipFile;
import com.qlower.loaders.steps.FileRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Staged records between steps: gzipped JSON Lines, written to a temporary file then uploaded, and read back as a
 * stream. One record in memory at a time on both sides.
 */
public final class JsonLines {

    public static final String CONTENT_TYPE = "application/x-ndjson";

    private JsonLines() {
    }

    /** Writes values one by one to a gzipped temporary file; {@link #close()} then upload {@link #file()}. */
    public static final class Writer implements AutoCloseable {
        private final TemporaryGzipFile file;
        private final SequenceWriter out;
        private long count;

        public Writer(ObjectMapper mapper, String prefix) {
            this.file = TemporaryGzipFile.bufferedBelowGzip(prefix, ".jsonl.gz");
            try {
                this.out = mapper.writer().withRootValueSeparator("\n").writeValues(file.out());
            } catch (IOException e) {
                file.discard();
                throw new UncheckedIOException(e);
            }
        }

        public void write(Object value) {
            try {
                out.write(value);
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public long count() {
            return count;
        }

        public Path file() {
            return file.file();
        }

        /** Uploads the file to the store; call after {@link #close()}. */
        public void uploadTo(ObjectStore store, String bucket, String key) {
            store.put(bucket, key, file.file(), CONTENT_TYPE);
        }

        /** Flushes the last records and ends the gzip stream. */
        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file.close();
            }
        }

        /** Removes the temporary file, unfinished or not: nothing reads it. */
        public void discard() {
            file.discard();
        }
    }

    /** Streams the values of a staged object; closing the stream closes the download. */
    public static <T> Stream<T> read(ObjectStore store, FileRef ref, ObjectMapper mapper, Class<T> type) {
        return read(store.open(ref), ref.key(), mapper, type);
    }

    /** Streams the values of a local file this class wrote. */
    public static <T> Stream<T> readFile(Path file, ObjectMapper mapper, Class<T> type) {
        try {
            return read(Files.newInputStream(file), file.toString(), mapper, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Stream<T> read(InputStream raw, String name, ObjectMapper mapper, Class<T> type) {
        try {
            ObjectReader reader = mapper.readerFor(type).without(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            InputStream gzip = new GZIPInputStream(raw, 1 << 16);
            Iterator<T> values = reader.readValues(gzip);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(values, Spliterator.ORDERED), false)
                    .onClose(() -> closeQuietly(gzip));
        } catch (IOException e) {
            closeQuietly(raw);
            throw new UncheckedIOException("cannot read staged records " + name, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }
}
