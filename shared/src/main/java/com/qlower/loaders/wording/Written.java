package com.qlower.loaders.wording;

import com.qlower.loaders.errors.Message;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, dates and times as each language writes them, for a placeholder of the catalogues: the value in French
 * and in English. A time is given as read in Paris; the entry it fills says so ({@link PageWording#PARIS_TIME},
 * {@link EmailWording#DATE_AT_TIME}).
 */
public final class Written {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRENCH);
    private static final DateTimeFormatter FRENCH_TIME =
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter FRENCH_MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_LONG_DATE =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter HOURS_AND_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private Written() {
    }

    /** A date in figures: 23/11/2026 in French, 2026-11-23 in English. */
    public static Message date(LocalDate date) {
        return new Message(FRENCH_DATE.format(date), date.toString());
    }

    /** A date and a time to the second: 23/11/2026 03:14:07 in French, 2026-11-23 03:14:07 in English. */
    public static Message dateAndTime(LocalDateTime time) {
        return new Message(FRENCH_TIME.format(time), ENGLISH_TIME.format(time));
    }

    /** A date in words: 1er décembre 2026 (French writes the first of a month as an ordinal), 1 December 2026. */
    public static Message longDate(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return new Message(day + " " + FRENCH_MONTH.format(date), ENGLISH_LONG_DATE.format(date));
    }

    /** The hours and minutes of a time, alike in both languages: 08:00. */
    public static String hoursAndMinutes(LocalDateTime time) {
        return HOURS_AND_MINUTES.format(time);
    }

    /** A percentage, at most two decimals: 2,5 % in French, 2.5 % in English. */
    public static Message percent(double value) {
        return new Message(percent(value, Locale.FRENCH), percent(value, Locale.ENGLISH));
    }

    private static String percent(double value, Locale locale) {
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        number.setMaximumFractionDigits(2);
        return number.format(value) + " %";
    }
}
