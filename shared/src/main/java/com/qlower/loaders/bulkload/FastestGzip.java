package com.qlower.loaders.bulkload;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip at its fastest level, for every staged file: staged files live for minutes and are read once or twice, so the
 * CPU a stronger level takes costs more than the bytes it saves (on the staged records of a million transactions,
 * gzip's default level took 1.6 times as long for 23 % fewer bytes). Any gzip reader reads it.
 */
public final class FastestGzip extends GZIPOutputStream {

    public FastestGzip(OutputStream out) throws IOException {
        super(out, 1 << 16);
        def.setLevel(Deflater.BEST_SPEED);
    }
}
