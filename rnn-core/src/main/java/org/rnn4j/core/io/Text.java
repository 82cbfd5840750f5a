package org.rnn4j.core.io;

import java.util.Arrays;
import org.rnn4j.core.Quoting;

/** Quoting of untrusted text from a file, so that every message stays one short line. */
final class Text {

    private Text() {
    }

    /**
     * @param s a string read from a file
     * @return {@link Quoting#quote}: in single quotes, control characters escaped, cut after 64 characters
     */
    static String quote(String s) {
        return Quoting.quote(s);
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
