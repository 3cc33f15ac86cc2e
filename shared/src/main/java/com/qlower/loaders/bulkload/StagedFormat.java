package com.qlower.loaders.bulkload;

/**
 * The words of the staged-rows format, in one place for its writer and its reader: the first line, the section
 * headers and the section's end. A change to any of them is a new version of the format ({@link #FORMAT_LINE}).
 */
final class StagedFormat {

    static final String FORMAT_LINE = "QLOWER STAGED ROWS 1";
    static final String RECORDS = "RECORDS";
    static final byte[] END = {'\\', '.', '\n'};
    static final int BUFFER_BYTES = 1 << 16;

    private StagedFormat() {
    }

    /** The header of a section of this table's rows: the {@code COPY} the rows are written for. */
    static String header(StagedTable table) {
        return "COPY " + table.table() + " (external_id, " + String.join(", ", table.columns()) + ")";
    }

    /** The section a header line starts; {@code name} says which file, should the header be unknown. */
    static StagedRows.Section section(String header, String name) {
        if (header.equals(RECORDS)) {
            return new StagedRows.Records();
        }
        StagedTable table = header.startsWith("COPY ") ? StagedTable.named(header.substring(5,
                Math.max(5, header.indexOf(' ', 5)))) : null;
        // the columns are compared, never used: no SQL comes from a file
        if (table == null || table == StagedTable.DOCUMENTS || !header.equals(header(table))) {
            throw new IllegalStateException(name + " has a section this version does not read: "
                    + abbreviate(header));
        }
        return new StagedRows.Rows(table);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
