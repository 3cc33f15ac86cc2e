package com.qlower.loaders.pages;

import static com.qlower.loaders.pages.HtmlText.escape;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.Wording;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.wording.PageWording;
import com.qlower.loaders.wording.Written;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page in one language: its style inline, no script, no link to fetch, and every text
 * escaped, since most of what it shows (keys, messages, values from the database) comes from outside.
 */
final class HtmlPage {

    /** Partners and operators are in France: times are shown as they read them, with the zone said. */
    private static final ZoneId SHOWN_IN = DailySummary.ZONE;
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(SHOWN_IN);

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:64rem;\
            padding:0 1rem;color:#1b1f23;line-height:1.4}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}
            th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:break-word}
            pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}a code{color:inherit}
            .outcome{padding:.6rem 1rem;border-radius:.3rem;font-weight:600}
            .SUCCEEDED{background:#dafbe1;color:#116329}.FAILED{background:#ffebe9;color:#a40e26}
            .IN_PROGRESS{background:#eaeef2;color:#424a53}
            .note{color:#57606a}tr:target{background:#fff8c5}""";

    private final Partner.Language language;
    private final StringBuilder html = new StringBuilder(16_384);

    HtmlPage(Partner.Language language, String title) {
        this.language = language;
        html.append("<!DOCTYPE html>\n<html lang=\"").append(language.name().toLowerCase(Locale.ROOT))
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    /** A page whose title is said in its language. */
    HtmlPage(Partner.Language language, Message title) {
        this(language, title.in(language.name()));
    }

    /** An entry of the catalogue, in this page's language. */
    String say(Wording words) {
        return say(words.message());
    }

    String say(Message message) {
        return message.in(language.name());
    }

    /** Marks a {@link #details} row's value as an identifier (a key, a hash), shown as code. */
    static final String IDENTIFIER = "identifier";

    /** A date as the page's reader writes it: 23/11/2026 in French, 2026-11-23 in English. */
    String date(LocalDate date) {
        return say(Written.date(date));
    }

    /** The time of day alone, in Paris: for a table whose header names the zone. */
    String clockTime(Instant instant) {
        return CLOCK_TIME.format(instant);
    }

    /** A time as the page's reader reads it: Paris time, the zone named. */
    String time(Instant instant) {
        return instant == null ? "" : say(PageWording.PARIS_TIME.with("time",
                Written.dateAndTime(LocalDateTime.ofInstant(instant, SHOWN_IN))));
    }

    HtmlPage heading(String text) {
        html.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A banner whose colour says how a file ended: {@code state} is a {@link FileOutcome} name. */
    HtmlPage banner(FileOutcome state, String text) {
        html.append("<p class=\"outcome ").append(state.name()).append("\">").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage note(String text) {
        html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A note with one link in it: {@code before}, the link's text to {@code href}, then {@code after}. */
    HtmlPage note(String before, String linkText, String href, String after) {
        html.append("<p class=\"note\">").append(escape(before)).append("<a href=\"").append(escape(href))
                .append("\">").append(escape(linkText)).append("</a>").append(escape(after)).append("</p>\n");
        return this;
    }

    /** Markup this program wrote, every text in it escaped already ({@link ErrorCodesPage}). */
    HtmlPage markup(String trusted) {
        html.append(trusted);
        return this;
    }

    /**
     * Label and value rows; a row whose value is null is left out. A value whose row has a third element
     * ({@link #IDENTIFIER}) is an identifier, shown as code; the others are text.
     */
    HtmlPage details(List<String[]> rows) {
        html.append("<table>\n");
        for (String[] row : rows) {
            if (row[1] != null) {
                boolean identifier = row.length > 2;
                html.append("<tr><th scope=\"row\">").append(escape(row[0])).append("</th><td>")
                        .append(identifier ? "<code>" : "").append(escape(row[1]))
                        .append(identifier ? "</code>" : "").append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
        return this;
    }

    /** Record counts: one header row, one row of numbers. */
    HtmlPage counts(Counts c) {
        html.append("<table>\n<tr>");
        List.of(PageWording.COUNT_RECEIVED, PageWording.COUNT_ACCEPTED, PageWording.COUNT_REJECTED,
                        PageWording.COUNT_INSERTED, PageWording.COUNT_UPDATED, PageWording.COUNT_UNCHANGED,
                        PageWording.COUNT_RETIRED, PageWording.COUNT_ERASED).stream().map(this::say)
                .forEach(h -> html.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
        html.append("</tr>\n<tr>");
        List.of(c.received(), c.accepted(), c.rejected(), c.inserted(), c.updated(), c.unchanged(), c.retired(),
                        c.erased())
                .forEach(v -> html.append("<td class=\"n\">").append(v).append("</td>"));
        html.append("</tr>\n</table>\n");
        return this;
    }

    /** A table with a header row; cells whose column is in {@code codeColumns} are shown as code. */
    HtmlPage table(List<String> headers, List<List<String>> rows, List<Integer> codeColumns) {
        return table(headers, rows, codeColumns, -1);
    }

    /**
     * As {@link #table(List, List, List)}, each cell of column {@code errorCodeColumn} (an {@link ErrorCode}, shown
     * as code) a link to its explanation in the catalogue published beside the page ({@link ErrorCodesPage}).
     */
    HtmlPage table(List<String> headers, List<List<String>> rows, List<Integer> codeColumns, int errorCodeColumn) {
        html.append("<table>\n<tr>");
        headers.forEach(h -> html.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = escape(row.get(i) == null ? "" : row.get(i));
                String shown = codeColumns.contains(i) || i == errorCodeColumn
                        ? "<code>" + breakableAtSlashes(cell) + "</code>" : cell;
                html.append("<td>").append(i == errorCodeColumn && !cell.isEmpty()
                        ? "<a href=\"" + ErrorCodesPage.FILE_NAME + "#" + cell + "\">" + shown + "</a>" : shown)
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        return this;
    }

    String end() {
        return html.append("</body>\n</html>\n").toString();
    }

    /** An escaped identifier (a key, a path) that may wrap after its slashes, never inside a word. */
    private static String breakableAtSlashes(String escaped) {
        return escaped.replace("/", "/<wbr>");
    }
}
