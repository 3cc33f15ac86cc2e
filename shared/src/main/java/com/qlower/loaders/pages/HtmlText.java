package com.qlower.loaders.pages;

/** Text as HTML, for every page and email the project writes: the one escaper, so that none forgets a character. */
public final class HtmlText {

    private HtmlText() {
    }

    /**
     * The text, safe in an element or in a quoted attribute: the five characters that could open markup or end an
     * attribute are replaced.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
