package com.qlower.loaders.notifier;

import static com.qlower.loaders.pages.HtmlText.escape;

import java.util.List;

/**
 * The HTML body of a partner email: nested tables and inline styles, the layout mail clients render alike (many
 * drop {@code <style>} blocks and ignore flexbox), no image, font or stylesheet fetched from anywhere. Every text
 * is escaped, whatever its origin.
 */
final class EmailHtml {

    private static final String FONT = "font-family:Arial,Helvetica,sans-serif;";
    private static final String MONO = "font-family:Consolas,Menlo,'Courier New',monospace;";
    private static final String INK = "#101828";
    private static final String MUTED = "#475467";
    private static final String RULE = "#eaecf0";
    private static final String BRAND = "#1d3557";
    /** A long pointer or file name wraps on a narrow screen rather than widening the card. */
    private static final String WRAP_ANYWHERE = "overflow-wrap:break-word;word-break:break-word;";

    private EmailHtml() {
    }

    /** The colours of the outcome banner: green, amber, red, or neutral when nothing is the partner's doing. */
    private record Tone(String ink, String background) {
        static Tone of(FileVerdict verdict) {
            return switch (verdict) {
                case INTEGRATED -> new Tone("#067647", "#ecfdf3");
                case PARTLY_INTEGRATED -> new Tone("#b54708", "#fffaeb");
                case REJECTED -> new Tone("#b42318", "#fef3f2");
                case NOT_PROCESSED, IN_PROGRESS -> new Tone("#344054", "#f2f4f7");
            };
        }
    }

    static String of(EmailContent c) {
        Tone tone = Tone.of(c.verdict());
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(escape(c.language())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<title>").append(escape(c.subject())).append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:0;background-color:#f2f4f7;\">\n")
                .append(table("width:100%;background-color:#f2f4f7;"))
                .append("<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
                .append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"")
                .append(" style=\"width:100%;max-width:600px;background-color:#ffffff;border:1px solid ").append(RULE)
                .append(";").append(FONT).append("color:").append(INK).append(";\">\n");

        h.append("<tr><td style=\"padding:14px 24px;background-color:").append(BRAND)
                .append(";color:#ffffff;font-size:14px;font-weight:bold;letter-spacing:0.3px;\">")
                .append(escape(c.brand())).append("</td></tr>\n");

        h.append("<tr><td style=\"padding:20px 24px;background-color:").append(tone.background())
                .append(";border-left:6px solid ").append(tone.ink()).append(";\">")
                .append("<p style=\"margin:0;font-size:22px;font-weight:bold;color:").append(tone.ink()).append(";\">")
                .append(escape(c.verdictTitle())).append("</p>")
                .append("<p style=\"margin:8px 0 0 0;font-size:15px;line-height:22px;color:").append(INK).append(";\">")
                .append(escape(c.verdictSentence())).append("</p></td></tr>\n");

        h.append(section(null)).append(rows(c.details(), false)).append("</td></tr>\n");
        h.append(section(c.countsHeading())).append(rows(c.counts(), true)).append("</td></tr>\n");
        h.append(section(c.errorsHeading())).append(errors(c.errors()));
        for (String note : c.errorNotes()) {
            h.append(paragraph(note, "13px", MUTED));
        }
        h.append("</td></tr>\n");
        h.append("<tr><td style=\"padding:12px 24px 0 24px;\">").append(paragraph(c.warnings(), "14px", INK))
                .append("</td></tr>\n");

        h.append(section(c.fullReportHeading()))
                .append(table("margin:4px 0 0 0;"))
                .append("<tr><td style=\"background-color:").append(BRAND).append(";border-radius:4px;\">")
                .append("<a href=\"").append(escape(c.reportUrl())).append("\" style=\"display:inline-block;")
                .append("padding:12px 22px;").append(FONT)
                .append("font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;\">")
                .append(escape(c.openFullReport())).append("</a></td></tr></table>\n")
                .append(paragraph(c.linkExpires(), "13px", MUTED)).append("</td></tr>\n");

        h.append("<tr><td style=\"padding:24px;\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\"")
                .append(" cellspacing=\"0\" border=\"0\" style=\"border-top:1px solid ").append(RULE).append(";\">")
                .append("<tr><td style=\"padding-top:16px;font-size:13px;color:").append(MUTED).append(";\">")
                .append(escape(c.runIdLabel() + c.colon())).append(' ')
                .append("<span style=\"").append(MONO).append("color:").append(INK).append(";\">")
                .append(escape(c.runId())).append("</span></td></tr>")
                .append("<tr><td style=\"padding-top:8px;font-size:12px;line-height:18px;color:").append(MUTED)
                .append(";\">").append(escape(c.automaticMessage())).append("</td></tr></table></td></tr>\n");

        h.append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Opens a section of the card: a heading, then the caller's content, closed by the caller. */
    private static String section(String heading) {
        String open = "<tr><td style=\"padding:20px 24px 0 24px;\">";
        return heading == null ? open : open + "<p style=\"margin:0 0 8px 0;font-size:16px;font-weight:bold;color:"
                + INK + ";\">" + escape(heading) + "</p>";
    }

    private static String rows(List<EmailContent.Row> rows, boolean numbers) {
        StringBuilder h = new StringBuilder(table("width:100%;border-collapse:collapse;"));
        for (EmailContent.Row row : rows) {
            h.append("<tr><td style=\"padding:6px 0;border-bottom:1px solid ").append(RULE)
                    .append(";font-size:14px;color:").append(MUTED).append(";width:").append(numbers ? "70%" : "30%")
                    .append(";\">").append(escape(row.label())).append("</td>")
                    .append("<td style=\"padding:6px 0;border-bottom:1px solid ").append(RULE)
                    .append(";font-size:14px;color:").append(INK).append(";")
                    .append(numbers ? "text-align:right;font-weight:bold;" : WRAP_ANYWHERE).append("\">")
                    .append(escape(row.value())).append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /** One block per error: its number, code and location on a line, its message below. */
    private static String errors(List<EmailContent.ErrorRow> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder(table("width:100%;border-collapse:collapse;"));
        int n = 1;
        for (EmailContent.ErrorRow e : errors) {
            h.append("<tr><td valign=\"top\" style=\"padding:8px 8px 8px 0;border-bottom:1px solid ").append(RULE)
                    .append(";font-size:13px;color:").append(MUTED).append(";width:24px;\">").append(n++)
                    .append(".</td><td style=\"padding:8px 0;border-bottom:1px solid ").append(RULE).append(";\">")
                    .append("<span style=\"").append(MONO).append("font-size:13px;font-weight:bold;color:")
                    .append("#b42318;\">").append(escape(e.code())).append("</span>")
                    .append("<span style=\"font-size:13px;color:").append(MUTED).append(";").append(WRAP_ANYWHERE)
                    .append("\">")
                    .append(" · ").append(escape(e.where())).append("</span>")
                    .append("<p style=\"margin:4px 0 0 0;font-size:14px;line-height:20px;color:").append(INK)
                    .append(";\">").append(escape(e.message())).append("</p></td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String paragraph(String text, String size, String color) {
        return "<p style=\"margin:8px 0 0 0;font-size:" + size + ";line-height:20px;color:" + color + ";\">"
                + escape(text) + "</p>\n";
    }

    private static String table(String style) {
        return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"" + style
                + "\">\n";
    }
}
