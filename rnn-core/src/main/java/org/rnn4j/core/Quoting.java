package org.rnn4j.core;

/**
 * Text from outside the program (a name read from a file, a plug-in's name) made safe to print:
 * one line that cannot drive a terminal. Control characters (C0, DEL, C1), format characters
 * (bidirectional overrides, zero-width marks), line and paragraph separators, unassigned code
 * points and unpaired surrogates are written as Java escapes of their UTF-16 units (the escape
 * character as backslash, u, 001b); everything else is kept, so names in any script read as
 * themselves.
 */
public final class Quoting {

    /** The longest text kept whole, in characters. */
    public static final int MAX = 64;

    private Quoting() {
    }

    /**
     * @param s untrusted text
     * @return it in single quotes, escaped as the class says, cut after {@value #MAX} characters
     *     with the full length given ({@code 'abc...(200 chars)'})
     */
    public static String quote(String s) {
        int n = cut(s);
        StringBuilder sb = new StringBuilder("'");
        escape(s, n, sb);
        if (n < s.length()) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.append('\'').toString();
    }

    /**
     * @param s untrusted text
     * @return all of it, escaped as the class says (for text shown whole, such as what
     *     {@code rnn4j inspect} prints from a file)
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        escape(s, s.length(), sb);
        return sb.toString();
    }

    private static void escape(String s, int n, StringBuilder sb) {
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                for (int k = i; k < i + width; k++) {
                    sb.append(String.format("\\u%04x", (int) s.charAt(k)));
                }
            }
            i += width;
        }
    }

    /** The end of the kept part: {@value #MAX} characters, one less rather than half a surrogate pair. */
    private static int cut(String s) {
        if (s.length() <= MAX) {
            return s.length();
        }
        return Character.isHighSurrogate(s.charAt(MAX - 1)) && Character.isLowSurrogate(s.charAt(MAX)) ? MAX - 1 : MAX;
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
