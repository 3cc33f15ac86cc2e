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

    /**
     * Whether {@code text} is a date-time in RFC 3339's plainest form, which the contract's schemas accept
     * ({@code format: date-time}): {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z}
     * or an offset {@code ±HH:mm} under 18 hours. False is not a refusal, only "not in that form": a leap second, a
     * lower-case {@code t}, the offset {@code -00:00} (which the schema validator refuses) are left to it.
     */
    static boolean isPlainDateTime(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(10) != 'T' || !isRealDate(text.substring(0, 10)) || !isTimeOfDay(text, 11)) {
            return false;
        }
        int offset = 19;
        if (text.charAt(offset) == '.') {
            int end = offset + 1;
            while (end < length && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            if (end - offset - 1 < 1 || end - offset - 1 > 9) {
                return false;
            }
            offset = end;
        }
        return isOffset(text, offset);
    }

    /** {@code HH:mm:ss} at {@code from}, a second of a day without its leap second. */
    private static boolean isTimeOfDay(String text, int from) {
        if (text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
            return false;
        }
        int hour = digits(text, from, from + 2);
        int minute = digits(text, from + 3, from + 5);
        int second = digits(text, from + 6, from + 8);
        return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    /** {@code Z}, or {@code ±HH:mm} under 18 hours but {@code -00:00}, from {@code from} to the text's end. */
    private static boolean isOffset(String text, int from) {
        int left = text.length() - from;
        if (left != 1 && left != 6) {
            return false;
        }
        char sign = text.charAt(from);
        if (left == 1) {
            return sign == 'Z';
        }
        if ((sign != '+' && sign != '-') || text.charAt(from + 3) != ':') {
            return false;
        }
        int hours = digits(text, from + 1, from + 3);
        int minutes = digits(text, from + 4, from + 6);
        return hours >= 0 && hours <= 17 && minutes >= 0 && minutes <= 59
                && !(sign == '-' && hours == 0 && minutes == 0);
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
