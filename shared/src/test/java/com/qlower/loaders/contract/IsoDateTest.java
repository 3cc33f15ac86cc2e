package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The quick reading of a date answers what {@link LocalDate#parse} answers, for real dates and anything else. */
class IsoDateTest {

    private static final Pattern ISO_FORM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Test
    void everyDayOfLeapAndCommonYears_readsAsTheJdkReadsIt() {
        for (LocalDate day = LocalDate.of(1899, 12, 1); day.isBefore(LocalDate.of(1901, 3, 2)); day = day.plusDays(1)) {
            assertThat(IsoDate.parse(day.toString())).isEqualTo(day);
        }
        for (LocalDate day = LocalDate.of(2023, 12, 1); day.isBefore(LocalDate.of(2025, 1, 2)); day = day.plusDays(1)) {
            assertThat(IsoDate.parse(day.toString())).isEqualTo(day);
        }
        assertThat(IsoDate.parse("0000-02-29")).isEqualTo(LocalDate.of(0, 2, 29));
        assertThat(IsoDate.parse("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void whatIsNotARealDateInThatForm_isAnsweredByTheJdk_exceptionIncluded() {
        List<String> texts = new ArrayList<>(List.of("2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
                "2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01", "20260101", "+2026-01-01", "-2026-01-01",
                "12026-01-01", "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00", "", "２０２６-01-01", "2026-0a-01",
                "2026--1-01"));
        for (String text : texts) {
            Object jdk = answer(() -> LocalDate.parse(text));
            Object quick = answer(() -> IsoDate.parse(text));
            assertThat(quick).as(text).isEqualTo(jdk);
            boolean realDate = ISO_FORM.matcher(text).matches() && jdk instanceof LocalDate;
            assertThat(IsoDate.isRealDate(text)).as(text).isEqualTo(realDate);
        }
        assertThatThrownBy(() -> IsoDate.parse("2026-02-30")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void plainDateTimes_areRecognised_withTheirFractionAndOffset() {
        for (String text : List.of("2026-11-23T01:12:18Z", "2026-11-23T02:15:07+01:00", "2024-02-29T23:59:59-05:30",
                "2026-11-23T02:15:07.5Z", "2026-11-23T02:15:07.123456789+17:59", "0000-01-01T00:00:00+00:00")) {
            assertThat(IsoDate.isPlainDateTime(text)).as(text).isTrue();
            assertThat(OffsetDateTime.parse(text)).as(text).isNotNull();
        }
    }

    @Test
    void whatIsNotAPlainDateTime_isNotRecognised_evenWhereRfc3339AllowsIt() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z",
                "2026-12-31T23:59:60Z", "2026-11-23T02:15Z", "2026-11-23T02:15:07", "2026-11-23T02:15:07.Z",
                "2026-11-23T02:15:07.1234567891Z", "2026-11-23T02:15:07.123", "2026-11-23T02:15:07+0100",
                "2026-11-23T02:15:07+18:00", "2026-11-23T02:15:07+01:60", "2026-11-23T02:15:07-00:00",
                "2026-11-23t02:15:07z", "2026-11-23 02:15:07Z", "2026-11-23T02:15:07ZZ", "2026-11-23T0a:15:07Z",
                "2026-11-23T02-15-07Z", "2026-11-23", "", "yesterday", "2026-11-23T02:15:07+01:00 ")) {
            assertThat(IsoDate.isPlainDateTime(text)).as(text).isFalse();
        }
    }

    /** The date read, or the exception's class and message. */
    private static Object answer(java.util.function.Supplier<LocalDate> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
