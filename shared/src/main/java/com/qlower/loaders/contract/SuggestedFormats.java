package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The number format and date formats a partner's sample strings show, for {@link ProfileSuggestion}'s draft: set
 * only where the samples leave no doubt; a doubt is said instead.
 */
final class SuggestedFormats {

    /** Patterns tried on dates, French first: 03/11/2026 is the 3rd of November unless a value says otherwise. */
    private static final List<String> DATE_PATTERNS = List.of("dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy",
            "yyyy/MM/dd", "yyyyMMdd", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yy");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern COMMA_DECIMAL =
            Pattern.compile("[-+]?[0-9]{1,3}(?:([ .'\\u00A0\\u202F])[0-9]{3})*,[0-9]+|[-+]?[0-9]+,[0-9]+");
    private static final Pattern POINT_DECIMAL =
            Pattern.compile("[-+]?[0-9]{1,3}(?:([ ,'\\u00A0\\u202F])[0-9]{3})*(?:\\.[0-9]+)?|[-+]?[0-9]+\\.[0-9]+");

    private SuggestedFormats() {
    }

    /** Sets the profile's {@code number_format} from the numbers written as strings, or says why not. */
    static void numberFormat(List<String> numbers, ObjectNode profile, List<String> unmapped) {
        boolean commaDecimal = false;
        boolean pointDecimal = false;
        Set<String> commaThousands = new LinkedHashSet<>();
        Set<String> pointThousands = new LinkedHashSet<>();
        boolean ambiguous = false;
        for (String number : numbers) {
            var comma = COMMA_DECIMAL.matcher(number);
            var point = POINT_DECIMAL.matcher(number);
            boolean threeAfterComma = number.matches("[-+]?[0-9]{1,3},[0-9]{3}");
            if (threeAfterComma) {
                ambiguous = true; // 1,234: a thousand, or one and a quarter
            } else if (comma.matches()) {
                commaDecimal = true;
                if (comma.group(1) != null) {
                    commaThousands.add(comma.group(1));
                }
            } else if (point.matches()) {
                if (number.contains(".")) {
                    pointDecimal = true;
                }
                if (point.group(1) != null) {
                    pointThousands.add(point.group(1));
                }
            }
        }
        if (commaDecimal && !pointDecimal && commaThousands.size() <= 1) {
            ObjectNode format = profile.putObject("number_format");
            format.put("decimal_separator", ",");
            format.put("thousands_separator", commaThousands.isEmpty() ? "" : commaThousands.iterator().next());
        } else if (!commaDecimal && pointThousands.size() == 1) {
            ObjectNode format = profile.putObject("number_format");
            format.put("decimal_separator", ".");
            format.put("thousands_separator", pointThousands.iterator().next());
        } else if (commaDecimal && pointDecimal) {
            unmapped.add("numbers: some are written with a decimal comma, others with a decimal point: no number "
                    + "format in the draft");
        } else if (ambiguous) {
            unmapped.add("numbers: values like 1,234 may be a thousand or one and a quarter, and nothing else tells: "
                    + "no number format in the draft (say decimal_separator yourself)");
        }
    }

    /** Sets the profile's {@code date_formats}: the fewest known patterns that read every date not in ISO form. */
    static void dateFormats(List<String> dates, ObjectNode profile, List<String> unmapped) {
        List<String> partnerDates = dates.stream().filter(d -> !ISO_DATE.matcher(d).matches()).distinct().toList();
        if (partnerDates.isEmpty()) {
            return;
        }
        List<String> chosen = new ArrayList<>();
        List<String> left = new ArrayList<>(partnerDates);
        while (!left.isEmpty()) {
            String bestPattern = null;
            List<String> bestParsed = List.of();
            for (String pattern : DATE_PATTERNS) {
                List<String> parsed = left.stream().filter(d -> parses(pattern, d)).toList();
                if (parsed.size() > bestParsed.size()) {
                    bestPattern = pattern;
                    bestParsed = parsed;
                }
            }
            if (bestPattern == null) {
                unmapped.add("dates: '" + left.get(0) + "' (and " + (left.size() - 1) + " more) read with no known "
                        + "pattern: add yours to date_formats");
                break;
            }
            chosen.add(bestPattern);
            left.removeAll(bestParsed);
        }
        if (chosen.contains("dd/MM/yyyy") && partnerDates.stream().allMatch(d -> parses("MM/dd/yyyy", d))) {
            unmapped.add("dates: every date read as dd/MM/yyyy could be MM/dd/yyyy too: check which your export "
                    + "writes");
        }
        if (!chosen.isEmpty()) {
            ArrayNode formats = profile.putArray("date_formats");
            chosen.forEach(formats::add);
        }
    }

    private static boolean parses(String pattern, String date) {
        try {
            LocalDate.parse(date, DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
