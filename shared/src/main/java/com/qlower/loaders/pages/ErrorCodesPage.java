package com.qlower.loaders.pages;

import static com.qlower.loaders.pages.HtmlText.escape;

import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.ArchiveLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of error codes (docs/error-codes.md, packaged with this module) as a self-contained page, archived
 * beside the reports ({@link #FILE_NAME}) so that a report page's codes link to their explanation. The catalogue is
 * written in English. Only the Markdown that file uses is understood: headings, paragraphs, lists, tables, fenced
 * code, and inline code, bold and links; a link to another document keeps its text only, since that document is not
 * published beside the reports. Each table row whose first cell is a code gets that code as its anchor.
 */
public final class ErrorCodesPage {

    /** The page's name beside the reports: a report page links {@code error-codes.html#CODE}. */
    public static final String FILE_NAME = ArchiveLayout.ERROR_CODES_PAGE;

    private static final Pattern INLINE = Pattern.compile(
            "`([^`]+)`|\\*\\*(.+?)\\*\\*|\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_CELL = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    private static final String PAGE = render(catalogue());

    private ErrorCodesPage() {
    }

    /** The page, rendered once from the packaged catalogue. */
    public static String page() {
        return PAGE;
    }

    static String render(String markdown) {
        List<String> lines = markdown.lines().toList();
        String title = lines.stream().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2))
                .orElse("Error codes");
        HtmlPage page = new HtmlPage(Partner.Language.EN, title);
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("# ")) {
                i++;
            } else if (line.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    code.append(lines.get(i)).append('\n');
                }
                page.markup("<pre><code>" + escape(code.toString()) + "</code></pre>\n");
                i++;
            } else if (line.startsWith("## ") || line.startsWith("### ")) {
                String level = line.startsWith("## ") ? "h2" : "h3";
                page.markup("<" + level + ">" + inline(line.substring(line.indexOf(' ') + 1)) + "</" + level + ">\n");
                i++;
            } else if (line.startsWith("|")) {
                List<String> rows = new ArrayList<>();
                for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                    rows.add(lines.get(i));
                }
                page.markup(table(rows));
            } else if (line.startsWith("- ")) {
                StringBuilder list = new StringBuilder("<ul>\n");
                while (i < lines.size() && lines.get(i).startsWith("- ")) {
                    StringBuilder item = new StringBuilder(lines.get(i++).substring(2));
                    for (; i < lines.size() && lines.get(i).startsWith("  "); i++) {
                        item.append(' ').append(lines.get(i).strip());
                    }
                    list.append("<li>").append(inline(item.toString())).append("</li>\n");
                }
                page.markup(list.append("</ul>\n").toString());
            } else {
                StringBuilder paragraph = new StringBuilder(line);
                for (i++; i < lines.size() && !lines.get(i).isBlank() && !startsBlock(lines.get(i)); i++) {
                    paragraph.append(' ').append(lines.get(i));
                }
                page.markup("<p>" + inline(paragraph.toString()) + "</p>\n");
            }
        }
        return page.end();
    }

    private static boolean startsBlock(String line) {
        return line.startsWith("#") || line.startsWith("|") || line.startsWith("- ") || line.startsWith("```");
    }

    private static String table(List<String> rows) {
        StringBuilder html = new StringBuilder("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            if (r == 1 && rows.get(r).matches("[|\\-: ]+")) {
                continue; // the header's separator
            }
            List<String> cells = cells(rows.get(r));
            Matcher code = CODE_CELL.matcher(cells.isEmpty() ? "" : cells.getFirst());
            html.append(r > 0 && code.matches() ? "<tr id=\"" + code.group(1) + "\">" : "<tr>");
            for (String cell : cells) {
                String tag = r == 0 ? "th" : "td";
                html.append('<').append(tag).append('>').append(inline(cell)).append("</").append(tag).append('>');
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return List.of(inner.split("\\|", -1)).stream().map(String::strip).toList();
    }

    /** Inline Markdown as HTML, every text escaped. */
    static String inline(String text) {
        StringBuilder html = new StringBuilder();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            html.append(escape(text.substring(at, m.start())));
            if (m.group(1) != null) {
                html.append("<code>").append(escape(m.group(1))).append("</code>");
            } else if (m.group(2) != null) {
                html.append("<strong>").append(inline(m.group(2))).append("</strong>");
            } else if (m.group(4).startsWith("https://")) {
                html.append("<a href=\"").append(escape(m.group(4))).append("\">")
                        .append(inline(m.group(3))).append("</a>");
            } else {
                html.append(inline(m.group(3)));
            }
            at = m.end();
        }
        return html.append(escape(text.substring(at))).toString();
    }

    private static String catalogue() {
        try (InputStream in = ErrorCodesPage.class.getResourceAsStream("/error-codes.md")) {
            if (in == null) {
                throw new IllegalStateException("error-codes.md is not packaged with the shared module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
