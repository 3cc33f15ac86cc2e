package com.qlower.loaders.bulkload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL's {@code COPY} text format, for one row: fields separated by a tab, the row ended by a newline,
 * {@code \N} for NULL, and a backslash before a backslash, tab, newline, carriage return, backspace, form feed or
 * vertical tab (written {@code \\ \t \n \r \b \f \v}). Text is UTF-8. A NUL character cannot be stored in
 * PostgreSQL's text: the validator refuses it, and a row holding one is refused here too.
 */
public final class CopyText {

    private CopyText() {
    }

    /** One row being written, as UTF-8 bytes in a buffer reused from row to row. */
    public static final class Row {
        private byte[] bytes = new byte[512];
        private int length;
        private boolean first = true;

        /** Empties the buffer for the next row. */
        public Row reset() {
            length = 0;
            first = true;
            return this;
        }

        /** Appends a field: null as {@code \N}, a decimal in plain notation, anything else as its text. */
        public Row field(Object value) {
            if (!first) {
                put((byte) '\t');
            }
            first = false;
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else {
                text(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
            return this;
        }

        /** Ends the row with its newline. */
        public Row end() {
            put((byte) '\n');
            return this;
        }

        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return length;
        }

        private void text(String text) {
            ensure(text.length() * 4 + 8);
            byte[] b = bytes;
            int n = length;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '\\') {
                    b[n++] = (byte) c;
                } else if (c < 0x80) {
                    char escaped = switch (c) {
                        case '\\' -> '\\';
                        case '\t' -> 't';
                        case '\n' -> 'n';
                        case '\r' -> 'r';
                        case '\b' -> 'b';
                        case '\f' -> 'f';
                        case 0x0b -> 'v';
                        case 0 -> throw new IllegalArgumentException("a NUL character cannot be staged");
                        default -> 0;
                    };
                    if (escaped != 0) {
                        b[n++] = '\\';
                        b[n++] = (byte) escaped;
                    } else {
                        b[n++] = (byte) c; // other control characters are read back as they are
                    }
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xc0 | c >> 6);
                    b[n++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    b[n++] = (byte) (0xf0 | cp >> 18);
                    b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[n++] = (byte) (0x80 | cp & 0x3f);
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("a lone surrogate U+" + Integer.toHexString(c).toUpperCase()
                            + " cannot be staged");
                } else {
                    b[n++] = (byte) (0xe0 | c >> 12);
                    b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                    b[n++] = (byte) (0x80 | c & 0x3f);
                }
            }
            length = n;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /** The fields of one row (without its newline), unescaped; null for {@code \N}. */
    public static List<String> fields(String row) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i <= row.length(); i++) {
            if (i == row.length() || row.charAt(i) == '\t') {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
                continue;
            }
            char c = row.charAt(i);
            if (c != '\\') {
                field.append(c);
                continue;
            }
            if (++i == row.length()) {
                throw new IllegalArgumentException("a row ends with a lone backslash");
            }
            char next = row.charAt(i);
            switch (next) {
                case '\\' -> field.append('\\');
                case 't' -> field.append('\t');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                case 'v' -> field.append((char) 0x0b);
                case 'N' -> isNull = true;
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in a staged row");
            }
        }
        return fields;
    }
}
