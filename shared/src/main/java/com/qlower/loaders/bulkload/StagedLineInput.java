package com.qlower.loaders.bulkload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a staged file, read through one buffer that grows only for a line longer than itself (a document's
 * content): rows are copied on as bytes, never decoded, so the integrator's {@code COPY} costs no string per row.
 * It knows lines and the section's end, not what the sections mean ({@link StagedRows.Reader} does).
 */
final class StagedLineInput {

    private final InputStream in;
    private final String name;
    private byte[] buf = new byte[StagedFormat.BUFFER_BYTES];
    private int pos;
    private int limit;
    private boolean eof;

    StagedLineInput(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next line without its newline, or null at the end of the file. */
    String readLine() {
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

    /** Writes the next line, newline included, to {@code out} as it is, over as many buffers as it takes. */
    void copyLine(OutputStream out) throws IOException {
        while (true) {
            int newline = indexOfNewline(pos, limit);
            if (newline >= 0) {
                out.write(buf, pos, newline + 1 - pos);
                pos = newline + 1;
                return;
            }
            out.write(buf, pos, limit - pos);
            pos = limit;
            if (!fill()) {
                throw truncated();
            }
        }
    }

    /** At a line's start: whether the line is a section's end, which it then passes. */
    boolean passSectionEnd() {
        byte[] end = StagedFormat.END;
        if (!ensure(end.length)) {
            throw truncated();
        }
        if (buf[pos] == end[0] && buf[pos + 1] == end[1] && buf[pos + 2] == end[2]) {
            pos += end.length;
            return true;
        }
        return false;
    }

    IllegalStateException truncated() {
        return new IllegalStateException(name + " ends in the middle of a section: it is truncated");
    }

    void close() {
        StagedRows.closeQuietly(in);
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
}
