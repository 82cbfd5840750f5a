package org.rnn4j.core.io;

import java.util.Arrays;

/** Quoting of untrusted text from a file, so that every message stays one short line. */
final class Text {

    /** The longest quoted string kept whole. */
    private static final int MAX = 64;

    private Text() {
    }

    /**
     * @param s a string read from a file
     * @return it in single quotes, control characters escaped, cut after 64 characters
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(s, i)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.append('\'').toString();
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

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
