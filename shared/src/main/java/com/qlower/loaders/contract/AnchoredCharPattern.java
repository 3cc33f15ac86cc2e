package com.qlower.loaders.contract;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The contract's simplest patterns, matched without the JDK's regular expressions: {@code ^}, then character classes
 * of ASCII characters and escaped or plain literals, each once or with {@code ?}, {@code {n}} or {@code {n,m}}, and
 * groups of those with {@code ?}, then {@code $} ({@code ^[A-Za-z0-9._:-]{1,64}$},
 * {@code ^-?[0-9]{1,13}(\.[0-9]{1,2})?$}). Every external id, code and amount of a file goes through one: the JDK's
 * classes test each character through a chain of predicates, this through one bit set.
 *
 * <p>It only ever says yes: a text it matches to its end is one the regular expression finds too. Any other text
 * (a mismatch, or one it cannot decide, such as a line terminator the JDK's {@code $} matches before) is left to the
 * regular expression ({@link ValueKeywords#pattern}). A pattern outside this form (alternatives, look-ahead,
 * {@code *}, {@code +}) has none: {@link #of} is empty.
 */
final class AnchoredCharPattern {

    /** One character class (or literal), repeated between {@code min} and {@code max} times. */
    private record Run(BitSet chars, int min, int max) {
    }

    /** A sequence of runs and optional groups; a group is a nested sequence with {@code min} 0 or 1. */
    private record Item(Run run, List<Item> group, boolean optional) {
    }

    private final List<Item> items;

    private AnchoredCharPattern(List<Item> items) {
        this.items = items;
    }

    /** The pattern in this form, or empty when it is in another. */
    static Optional<AnchoredCharPattern> of(String regex) {
        if (!regex.startsWith("^") || !regex.endsWith("$") || regex.endsWith("\\$")) {
            return Optional.empty();
        }
        Parser parser = new Parser(regex.substring(1, regex.length() - 1));
        List<Item> items = parser.sequence();
        return parser.failed || parser.at < parser.text.length() ? Optional.empty()
                : Optional.of(new AnchoredCharPattern(items));
    }

    /** True when the whole text matches; false says nothing (ask the regular expression). */
    boolean matchesWhole(String text) {
        return match(items, 0, text, 0, end -> end == text.length());
    }

    /**
     * Whether {@code items} from {@code item}, then {@code rest}, match {@code text} from {@code at}: each run as long
     * as it can be first, then shorter (backtracking), and each optional group first taken, then left out.
     */
    private static boolean match(List<Item> items, int item, String text, int at, IntPredicate rest) {
        if (item == items.size()) {
            return rest.test(at);
        }
        Item current = items.get(item);
        IntPredicate next = end -> match(items, item + 1, text, end, rest);
        if (current.group() != null) {
            return match(current.group(), 0, text, at, next) || (current.optional() && next.test(at));
        }
        Run run = current.run();
        int count = 0;
        while (count < run.max() && at + count < text.length() && inClass(run.chars(), text.charAt(at + count))) {
            count++;
        }
        for (; count >= run.min(); count--) {
            if (next.test(at + count)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inClass(BitSet chars, char c) {
        return c < 128 && chars.get(c);
    }

    /** Reads the pattern's body into items; {@code failed} when it is not of the simple form. */
    private static final class Parser {
        private final String text;
        private int at;
        private boolean failed;

        Parser(String text) {
            this.text = text;
        }

        List<Item> sequence() {
            List<Item> items = new ArrayList<>();
            while (at < text.length() && !failed && text.charAt(at) != ')') {
                char c = text.charAt(at);
                if (c == '(') {
                    at++;
                    if (at < text.length() && text.charAt(at) == '?') {
                        failed = true; // look-ahead or another construct
                        break;
                    }
                    List<Item> group = sequence();
                    if (failed || at >= text.length() || text.charAt(at) != ')') {
                        failed = true;
                        break;
                    }
                    at++;
                    if (at < text.length() && text.charAt(at) == '?') {
                        at++;
                        items.add(new Item(null, group, true));
                    } else if (at < text.length() && isQuantifier(text.charAt(at))) {
                        failed = true;
                    } else {
                        items.add(new Item(null, group, false));
                    }
                    continue;
                }
                BitSet chars = c == '[' ? charClass() : literal();
                if (failed) {
                    break;
                }
                int[] bounds = quantifier();
                if (!failed) {
                    items.add(new Item(new Run(chars, bounds[0], bounds[1]), null, false));
                }
            }
            return items;
        }

        private static boolean isQuantifier(char c) {
            return c == '?' || c == '*' || c == '+' || c == '{';
        }

        /** One literal character, plain or escaped; anything with a meaning of its own fails. */
        private BitSet literal() {
            char c = text.charAt(at++);
            if (c == '\\') {
                if (at >= text.length()) {
                    failed = true;
                    return null;
                }
                c = text.charAt(at++);
                if (Character.isLetterOrDigit(c)) {
                    failed = true; // \d, \s, \b, \1 ... classes and back-references
                    return null;
                }
            } else if ("|.^$*+?{}[]()".indexOf(c) >= 0) {
                failed = true;
                return null;
            }
            if (c >= 128) {
                failed = true; // the classes are ASCII bit sets
                return null;
            }
            BitSet one = new BitSet(128);
            one.set(c);
            return one;
        }

        /** {@code [...]}: ASCII characters, ranges, escaped punctuation; a leading or trailing {@code -} is one. */
        private BitSet charClass() {
            at++; // [
            BitSet chars = new BitSet(128);
            if (at < text.length() && text.charAt(at) == '^') {
                failed = true; // a negated class also matches characters beyond ASCII
                return null;
            }
            boolean first = true;
            while (at < text.length() && text.charAt(at) != ']') {
                char c = classChar();
                if (failed) {
                    return null;
                }
                if (at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                    at++;
                    char to = classChar();
                    if (failed || to < c) {
                        failed = true;
                        return null;
                    }
                    chars.set(c, to + 1);
                } else {
                    chars.set(c);
                }
                first = false;
            }
            if (at >= text.length() || first) {
                failed = true;
                return null;
            }
            at++; // ]
            return chars;
        }

        private char classChar() {
            char c = text.charAt(at++);
            if (c == '\\') {
                if (at >= text.length() || Character.isLetterOrDigit(text.charAt(at))) {
                    failed = true;
                    return 0;
                }
                c = text.charAt(at++);
            } else if (c == '[' || c == '&') {
                failed = true; // nested classes, intersections
                return 0;
            }
            if (c >= 128) {
                failed = true;
                return 0;
            }
            return c;
        }

        /** The bounds after an atom: none (once), {@code ?}, {@code {n}}, {@code {n,m}}; {@code *} and {@code +} fail. */
        private int[] quantifier() {
            if (at >= text.length()) {
                return new int[] {1, 1};
            }
            char c = text.charAt(at);
            if (c == '?') {
                at++;
                return new int[] {0, 1};
            }
            if (c != '{') {
                if (c == '*' || c == '+') {
                    failed = true;
                }
                return new int[] {1, 1};
            }
            int close = text.indexOf('}', at);
            if (close < 0) {
                failed = true;
                return null;
            }
            String[] parts = text.substring(at + 1, close).split(",", -1);
            at = close + 1;
            try {
                int min = Integer.parseInt(parts[0]);
                int max = parts.length == 1 ? min : Integer.parseInt(parts[1]);
                if (parts.length > 2 || max < min) {
                    failed = true;
                    return null;
                }
                if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '+')) {
                    failed = true; // lazy or possessive
                    return null;
                }
                return new int[] {min, max};
            } catch (NumberFormatException e) {
                failed = true; // {,m} and the like
                return null;
            }
        }
    }
}
