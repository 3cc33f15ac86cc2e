package com.qlower.loaders.bulkload;

import com.qlower.loaders.domain.StagedRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Staged rows encoded from records as they are read, one record drawn each time the bytes run out: records reach
 * the integrator's {@code COPY} as from a download, with no file written and only one record's bytes in memory.
 */
final class StagedEncodingStream extends InputStream {

    private final Stream<? extends StagedRecord> records;
    private final Iterator<? extends StagedRecord> next;
    private final Bytes bytes = new Bytes();
    private final StagedSectionWriter sections = new StagedSectionWriter(bytes);
    private int read;
    private boolean ended;

    StagedEncodingStream(Stream<? extends StagedRecord> records) {
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
    private static final class Bytes extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }
}
