package org.rnn4j.core.io;

import java.util.Arrays;

/**
 * Escaping of untrusted text from a file, so that what reaches a terminal is plain text on one
 * line: no escape sequences, no line breaks, no reordering. Public for rnn4j's own modules (the
 * command line escapes with it what {@code rnn4j inspect} prints from a file, and plug-in names in
 * messages); not part of the API.
 */
public final class Text {

    /** The longest quoted string kept whole. */
    private static final int MAX = 64;

    private Text() {
    }

    /**
     * @param s a string read from a file
     * @return it in single quotes, {@linkplain #escape escaped}, cut after 64 characters
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        escape(s, Math.min(s.length(), MAX), sb);
        if (s.length() > MAX) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.append('\'').toString();
    }

    /**
     * The string with every character a terminal would act on written as {@code \\uXXXX}: the C0
     * controls (line breaks and ESC among them), DEL, the C1 controls (U+0080 to U+009F, CSI among
     * them), the bidirectional-text controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066
     * to U+2069) and unpaired surrogates. Everything else is kept, at any length.
     *
     * @param s a string read from a file
     * @return it, escaped
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        escape(s, s.length(), sb);
        return sb.toString();
    }

    /**
     * @param numbers dimensions or sizes
     * @return "[a, b]", cut after 8 numbers ("[a, ..., h, ...] (12 in all)")
     */
    static String shape(long[] numbers) {
        if (numbers.length <= 8) {
            return Arrays.toString(numbers);
        }
        return Arrays.toString(Arrays.copyOf(numbers, 8)).replace("]", ", ...] (" + numbers.length + " in all)");
    }

    private static void escape(String s, int n, StringBuilder sb) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (acts(c) || Character.isSurrogate(c) && !validPair(s, i)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }

    /** Whether a terminal acts on the character instead of showing it. */
    private static boolean acts(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x061c || c == 0x200e || c == 0x200f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
