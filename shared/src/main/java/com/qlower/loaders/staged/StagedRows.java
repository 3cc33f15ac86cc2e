package com.qlower.loaders.staged;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.domain.StagedRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * The transformer's staged records, written as what the integrator {@code COPY}s: the integrator streams the bytes
 * into {@code COPY ... FROM STDIN} without reading a record. Gzipped; inside, a first line
 * {@value #FORMAT_LINE}, then sections, each a header line, its lines, and a line {@code \.}:
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
    static final String FORMAT_LINE = "QLOWER STAGED ROWS 1";
    private static final String RECORDS = "RECORDS";
    private static final byte[] END = {'\\', '.', '\n'};
    private static final int BUFFER_BYTES = 1 << 16;

    private StagedRows() {
    }

    /**
     * The staged rows of these records, encoded as the reader asks for them (not compressed, nothing written to
     * disk): the records are drawn one by one while the rows are read, as from a download. Closing the reader
     * closes the stream.
     */
    public static Reader of(Stream<? extends StagedRecord> records) {
        return new Reader(new Encoding(records), "the records given");
    }

    /** Reads staged rows from a download or a file, gzipped; closing the reader closes {@code in}. */
    public static Reader read(InputStream in, String name) {
        try {
            return new Reader(new GZIPInputStream(in, BUFFER_BYTES), name);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot read staged rows " + name, e);
        }
    }

    /** Writes records one by one to a gzipped temporary file; {@link #close()} then upload {@link #file()}. */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final OutputStream out;
        private final Sections sections;
        private long count;
        private boolean closed;

        public Writer(String prefix) {
            try {
                this.file = Files.createTempFile(prefix, ".rows.gz");
                this.out = new BufferedOutputStream(new FastestGzip(Files.newOutputStream(file)), BUFFER_BYTES);
                this.sections = new Sections(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(StagedRecord record) {
            sections.write(record);
            count++;
        }

        public long count() {
            return count;
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            sections.end();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes if need be, and removes the temporary file. */
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

    /** The format itself: records written as sections onto a stream, the format line first. */
    private static final class Sections {
        private final OutputStream out;
        private final ObjectMapper json = ContractJson.internalMapper();
        private final CopyText.Row row = new CopyText.Row();
        private String section; // the header of the section under way, or null before the first

        Sections(OutputStream out) {
            this.out = out;
            line(FORMAT_LINE);
        }

        void write(StagedRecord record) {
            StagedTable table = StagedTable.of(record);
            boolean asRow = table != null && table != StagedTable.DOCUMENTS;
            String header = asRow ? header(table) : RECORDS;
            try {
                if (!header.equals(section)) {
                    end();
                    line(header);
                    section = header;
                }
                if (asRow) {
                    table.write(record, row);
                    out.write(row.bytes(), 0, row.length());
                } else {
                    out.write(json.writeValueAsBytes(record));
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the section under way, if any. */
        void end() {
            if (section != null) {
                try {
                    out.write(END);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                section = null;
            }
        }

        private void line(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Staged rows encoded from records as they are read: one record drawn each time the bytes run out. */
    private static final class Encoding extends InputStream {
        private final Stream<? extends StagedRecord> records;
        private final Iterator<? extends StagedRecord> next;
        private final Bytes bytes = new Bytes();
        private final Sections sections = new Sections(bytes);
        private int read;
        private boolean ended;

        Encoding(Stream<? extends StagedRecord> records) {
            this.records = records;
            this.next = records.iterator();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (read == bytes.size()) {
                bytes.reset();
                read = 0;
                if (next.hasNext()) {
                    sections.write(next.next());
                } else if (!ended) {
                    sections.end();
                    ended = true;
                } else {
                    return -1;
                }
            }
            int n = Math.min(len, bytes.size() - read);
            System.arraycopy(bytes.array(), read, b, off, n);
            read += n;
            return n;
        }

        @Override
        public void close() {
            records.close();
        }

        /** A byte buffer that lends its array. */
        private static final class Bytes extends java.io.ByteArrayOutputStream {
            byte[] array() {
                return buf;
            }
        }
    }

    private static String header(StagedTable table) {
        return "COPY " + table.table() + " (external_id, " + String.join(", ", table.columns()) + ")";
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
        private final InputStream in;
        private final String name;
        private byte[] buf = new byte[BUFFER_BYTES];
        private int pos;
        private int limit;
        private boolean eof;
        private Section section;
        private UnaryOperator<StagedRecord> onRecord = UnaryOperator.identity();
        private boolean started;

        private Reader(InputStream in, String name) {
            this.in = in;
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
                String format = readLine();
                if (!FORMAT_LINE.equals(format)) {
                    throw new IllegalStateException(name + " is not staged rows of this version (it begins "
                            + (format == null ? "with nothing" : "'" + abbreviate(format) + "'")
                            + "): transform the file again");
                }
            }
            String header = readLine();
            if (header == null) {
                return null;
            }
            if (header.equals(RECORDS)) {
                section = new Records();
                return section;
            }
            StagedTable table = header.startsWith("COPY ") ? StagedTable.named(header.substring(5,
                    Math.max(5, header.indexOf(' ', 5)))) : null;
            // the columns are compared, never used: no SQL comes from a file
            if (table == null || table == StagedTable.DOCUMENTS || !header.equals(header(table))) {
                throw new IllegalStateException(name + " has a section this version does not read: "
                        + abbreviate(header));
            }
            section = new Rows(table);
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
                while (true) {
                    if (sectionEnds()) {
                        return rows;
                    }
                    // one line, over as many buffers as it takes
                    while (true) {
                        int newline = indexOfNewline(pos, limit);
                        if (newline >= 0) {
                            out.write(buf, pos, newline + 1 - pos);
                            pos = newline + 1;
                            rows++;
                            break;
                        }
                        out.write(buf, pos, limit - pos);
                        pos = limit;
                        if (!fill()) {
                            throw truncated();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The rows of the current {@link Rows} section read back as records (not how the integrator reads). */
        public void readRows(java.util.function.Consumer<StagedRecord> each) {
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
                private final java.util.ArrayDeque<StagedRecord> rows = new java.util.ArrayDeque<>();
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
                        throw new java.util.NoSuchElementException();
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
            closeQuietly(in);
        }

        /** The next line of the current section without its newline, or null (and the section over) at its end. */
        private String lineOfSection() {
            if (sectionEnds()) {
                return null;
            }
            String line = readLine();
            if (line == null) {
                throw truncated();
            }
            return line;
        }

        /** At a line's start: whether the line is the section's end, which it then passes. */
        private boolean sectionEnds() {
            if (!ensure(END.length)) {
                throw truncated();
            }
            if (buf[pos] == END[0] && buf[pos + 1] == END[1] && buf[pos + 2] == END[2]) {
                pos += END.length;
                section = null;
                return true;
            }
            return false;
        }

        /** The next line without its newline, or null at the end of the file. */
        private String readLine() {
            int scanned = 0; // bytes of the line already scanned, from pos
            while (true) {
                int newline = indexOfNewline(pos + scanned, limit);
                if (newline >= 0) {
                    String line = new String(buf, pos, newline - pos, StandardCharsets.UTF_8);
                    pos = newline + 1;
                    return line;
                }
                scanned = limit - pos;
                if (!fill()) {
                    if (pos < limit) {
                        throw truncated();
                    }
                    return null;
                }
            }
        }

        private int indexOfNewline(int from, int to) {
            byte[] b = buf;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** At least {@code n} bytes from {@code pos}, unless the file ends first. */
        private boolean ensure(int n) {
            while (limit - pos < n) {
                if (!fill()) {
                    return false;
                }
            }
            return true;
        }

        /** Keeps the bytes from {@code pos} at the buffer's start, growing it if full, and reads more after them. */
        private boolean fill() {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer (a document's content)
            }
            try {
                int read = in.read(buf, limit, buf.length - limit);
                if (read < 0) {
                    eof = true;
                    return false;
                }
                limit += read;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read staged rows " + name, e);
            }
        }

        private IllegalStateException truncated() {
            return new IllegalStateException(name + " ends in the middle of a section: it is truncated");
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 60) + "...";
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
