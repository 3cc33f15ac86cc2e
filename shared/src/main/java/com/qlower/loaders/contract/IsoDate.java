package com.qlower.loaders.contract;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Dates as the contract writes them, {@code yyyy-MM-dd}, read without the JDK formatter's generic machinery (a map
 * of fields and a resolver per date: a tenth of the validator's and the transformer's time on a file of
 * transactions). Anything but a real date in exactly that form goes to {@link LocalDate#parse}, which answers as
 * it always did: the date, or its exception.
 */
public final class IsoDate {

    private IsoDate() {
    }

    /** The date, as {@link LocalDate#parse(CharSequence)} reads it. */
    public static LocalDate parse(String text) {
        LocalDate quick = quickOrNull(text);
        return quick != null ? quick : LocalDate.parse(text);
    }

    /** Whether {@link LocalDate#parse(CharSequence)} reads a date from {@code text} of the form {@code yyyy-MM-dd}. */
    static boolean isRealDate(String text) {
        return quickOrNull(text) != null;
    }

    /** The date when {@code text} is a real one in the form {@code yyyy-MM-dd} (ASCII digits), else null. */
    private static LocalDate quickOrNull(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The number the ASCII digits from {@code from} to {@code to} write; -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
