package com.qlower.loaders.bulkload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.domain.StagedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes records onto a stream in the staged-rows format, the format line first: the one encoder behind both the
 * file the transformer uploads ({@link StagedRows.Writer}) and the rows encoded on demand ({@link StagedRows#of}).
 * A new section starts whenever the kind of record changes.
 */
final class StagedSectionWriter {

    private final OutputStream out;
    private final ObjectMapper json = ContractJson.internalMapper();
    private final CopyText.Row row = new CopyText.Row();
    private String section; // the header of the section under way, or null before the first

    StagedSectionWriter(OutputStream out) {
        this.out = out;
        line(StagedFormat.FORMAT_LINE);
    }

    void write(StagedRecord record) {
        StagedTable table = StagedTable.of(record);
        boolean asRow = table != null && table != StagedTable.DOCUMENTS;
        String header = asRow ? StagedFormat.header(table) : StagedFormat.RECORDS;
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
                out.write(StagedFormat.END);
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
