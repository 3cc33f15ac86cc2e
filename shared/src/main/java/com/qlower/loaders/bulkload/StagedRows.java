package com.qlower.loaders.bulkload;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.domain.StagedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * The transformer's staged records, written as what the integrator {@code COPY}s: the integrator streams the bytes
 * into {@code COPY ... FROM STDIN} without reading a record. Gzipped; inside, a first line
 * {@value StagedFormat#FORMAT_LINE}, then sections, each a header line, its lines, and a line {@code \.}:
 * <ul>
 *   <li>{@code COPY <table> (external_id, <columns>)}: rows of that table in {@link CopyText}, as
 *   {@link StagedTable} writes them;</li>
 *   <li>{@code RECORDS}: one JSON object a line, for the records the integrator handles one by one: documents
 *   (it uploads their content) and erasure requests.</li>
 * </ul>
 * A new section starts whenever the kind of record changes. No line of a section can be {@code \.}: a row escapes
 * its backslashes, and no JSON value starts with one.
 */
public final class StagedRows {

    public static final String CONTENT_TYPE = "application/gzip";

    private StagedRows() {
    }

    /**
     * The staged rows of these records, encoded as the reader asks for them (not compressed, nothing written to
     * disk): the records are drawn one by one while the rows are read, as from a download. Closing the reader
     * closes the stream.
     */
    public static Reader of(Stream<? extends StagedRecord> records) {
        return new Reader(new StagedEncodingStream(records), "the records given");
    }

    /** Reads staged rows from a download or a file, gzipped; closing the reader closes {@code in}. */
    public static Reader read(InputStream in, String name) {
        try {
            return new Reader(new GZIPInputStream(in, StagedFormat.BUFFER_BYTES), name);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot read staged rows " + name, e);
        }
    }

    /** Writes records one by one to a gzipped temporary file; {@link #close()} then upload {@link #file()}. */
    public static final class Writer implements AutoCloseable {
        private final TemporaryGzipFile file;
        private final StagedSectionWriter sections;
        private long count;
        private boolean ended;

        public Writer(String prefix) {
            this.file = TemporaryGzipFile.bufferedAboveGzip(prefix, ".rows.gz", StagedFormat.BUFFER_BYTES);
            this.sections = new StagedSectionWriter(file.out());
        }

        public void write(StagedRecord record) {
            sections.write(record);
            count++;
        }

        public long count() {
            return count;
        }

        public Path file() {
            return file.file();
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                sections.end();
            }
            file.close();
        }

        /** Removes the temporary file, unfinished or not: nothing reads it. */
        public void discard() {
            file.discard();
        }
    }

    /** A section of a staged file: the rows of one table, or records one by one. */
    public sealed interface Section permits Rows, Records {
    }

    /** Rows of one table: {@link Reader#copyRows} streams them. */
    public record Rows(StagedTable table) implements Section {
    }

    /** Records one by one: {@link Reader#nextRecord} reads them. */
    public record Records() implements Section {
    }

    /**
     * Reads a staged file section by section: {@link #next}, then {@link #copyRows} or {@link #nextRecord} until the
     * section ends. One buffer of memory, whatever the file's size (a record of the {@code RECORDS} section is held
     * whole, as it is read).
     */
    public static final class Reader implements AutoCloseable {
        private final StagedLineInput lines;
        private final String name;
        private Section section;
        private UnaryOperator<StagedRecord> onRecord = UnaryOperator.identity();
        private boolean started;

        private Reader(InputStream in, String name) {
            this.lines = new StagedLineInput(in, name);
            this.name = name;
        }

        /** What becomes of each record of a {@code RECORDS} section as {@link #nextRecord} reads it. */
        public Reader withRecordsMapped(UnaryOperator<StagedRecord> mapping) {
            this.onRecord = mapping;
            return this;
        }

        /** The next section, or null at the end of the file; the section before must have been read to its end. */
        public Section next() {
            if (section != null) {
                throw new IllegalStateException("the section " + section + " of " + name + " was not read to its end");
            }
            if (!started) {
                started = true;
                String format = lines.readLine();
                if (!StagedFormat.FORMAT_LINE.equals(format)) {
                    throw new IllegalStateException(name + " is not staged rows of this version (it begins "
                            + (format == null ? "with nothing" : "'" + StagedFormat.abbreviate(format) + "'")
                            + "): transform the file again");
                }
            }
            String header = lines.readLine();
            section = header == null ? null : StagedFormat.section(header, name);
            return section;
        }

        /**
         * Writes the rows of the current {@link Rows} section to {@code out}, as they are, without their end;
         * answers how many.
         */
        public long copyRows(OutputStream out) {
            if (!(section instanceof Rows)) {
                throw new IllegalStateException("no rows to copy in " + name);
            }
            try {
                long rows = 0;
                while (!sectionEnds()) {
                    lines.copyLine(out);
                    rows++;
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The rows of the current {@link Rows} section read back as records (not how the integrator reads). */
        public void readRows(Consumer<StagedRecord> each) {
            StagedTable table = ((Rows) section).table();
            for (String line; (line = lineOfSection()) != null; ) {
                each.accept(table.read(CopyText.fields(line)));
            }
        }

        /** The next record of the current {@link Records} section, mapped; null at the section's end. */
        public StagedRecord nextRecord() {
            if (!(section instanceof Records)) {
                throw new IllegalStateException("no records to read in " + name);
            }
            String line = lineOfSection();
            if (line == null) {
                return null;
            }
            try {
                return onRecord.apply(ContractJson.internalMapper().readValue(line, StagedRecord.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a staged record of " + name, e);
            }
        }

        /** Every record of the file, read back, in the file's order (for the in-memory store and the tests). */
        public Stream<StagedRecord> records() {
            Iterator<StagedRecord> all = new Iterator<>() {
                private final ArrayDeque<StagedRecord> rows = new ArrayDeque<>();
                private StagedRecord ahead;

                @Override
                public boolean hasNext() {
                    while (ahead == null) {
                        if (!rows.isEmpty()) {
                            ahead = rows.poll();
                        } else if (section instanceof Records) {
                            ahead = nextRecord();
                        } else if (section instanceof Rows) {
                            readRows(rows::add); // one section at a time: the tests' files are small
                        } else if (Reader.this.next() == null) {
                            return false;
                        }
                    }
                    return true;
                }

                @Override
                public StagedRecord next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    StagedRecord r = ahead;
                    ahead = null;
                    return r;
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED), false)
                    .onClose(this::close);
        }

        @Override
        public void close() {
            lines.close();
        }

        /** The next line of the current section without its newline, or null (and the section over) at its end. */
        private String lineOfSection() {
            if (sectionEnds()) {
                return null;
            }
            String line = lines.readLine();
            if (line == null) {
                throw lines.truncated();
            }
            return line;
        }

        /** At a line's start: whether the line is the section's end, which it then passes, ending the section. */
        private boolean sectionEnds() {
            if (lines.passSectionEnd()) {
                section = null;
                return true;
            }
            return false;
        }
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }
}
