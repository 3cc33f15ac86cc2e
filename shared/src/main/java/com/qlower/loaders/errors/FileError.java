package com.qlower.loaders.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a partner file, located precisely enough for the partner to fix it.
 *
 * @param message what is wrong and what to do, in French and in English
 * @param recordIndex zero-based index of the record in {@code records}, or null for the file as a whole
 * @param pointer JSON pointer of the offending field in the file ({@code /records/12/amount}), or null
 * @param line line in the file, for syntax errors
 * @param column column in the file, for syntax errors
 * @param value the offending value, shortened; never logged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileError(
        ErrorCode code, Message message, Long recordIndex, String pointer, Long line, Long column, String value) {

    static final int MAX_VALUE_LENGTH = 80;

    public FileError {
        value = shorten(value);
    }

    public static FileError ofFile(ErrorCode code, Message message, String value) {
        return new FileError(code, message, null, null, null, null, value);
    }

    public static FileError atPointer(ErrorCode code, Message message, String pointer) {
        return new FileError(code, message, null, pointer, null, null, null);
    }

    public static FileError atSyntax(ErrorCode code, Message message, long line, long column) {
        return new FileError(code, message, null, null, line, column, null);
    }

    public static FileError ofRecord(ErrorCode code, Message message, long recordIndex, String fieldPointer,
            String value) {
        String pointer = "/records/" + recordIndex + (fieldPointer == null ? "" : fieldPointer);
        return new FileError(code, message, recordIndex, pointer, null, null, value);
    }

    private static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
