package org.rnn4j.io.model;

import java.util.Arrays;
import org.rnn4j.core.Quoting;

/**
 * Escaping of untrusted text from a file, so that what reaches a terminal is plain text on one
 * line: no escape sequences, no line breaks, no reordering. Public for rnn4j's own modules (the
 * command line escapes with it what {@code rnn4j inspect} prints from a file, and plug-in names in
 * messages); not part of the API.
 */
public final class Text {

    private Text() {
    }

    /**
     * @param s a string read from a file
     * @return {@link Quoting#quote}: in single quotes, escaped, cut after 64 characters
     */
    public static String quote(String s) {
        return Quoting.quote(s);
    }

    /**
     * The whole string, {@linkplain Quoting escaped} so that a terminal shows it as text.
     *
     * @param s a string read from a file
     * @return it, escaped
     */
    public static String escape(String s) {
        return Quoting.escape(s);
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
}
