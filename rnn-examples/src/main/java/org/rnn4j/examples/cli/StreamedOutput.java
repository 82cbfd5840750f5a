package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Characters on their way to standard output as a sampler draws them: flushed at each newline
 * and every {@value #FLUSH_EVERY} characters, so that a long sample shows as it grows and holds
 * nothing but the writer's buffer. When the reader has gone ({@code ./rnn4j sample ... | head}),
 * the next flush finds the error and {@link Closed} stops the sampling.
 */
final class StreamedOutput implements Appendable {

    /** Characters between flushes when no newline comes. */
    static final int FLUSH_EVERY = 1024;

    /** Standard output is closed: nobody reads what comes next. */
    static final class Closed extends IOException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("standard output is closed");
        }
    }

    private final PrintWriter out;
    private int unflushed;

    /** @param out where the characters go */
    StreamedOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Appendable append(CharSequence s) throws Closed {
        for (int i = 0; i < s.length(); i++) {
            append(s.charAt(i));
        }
        return this;
    }

    @Override
    public Appendable append(CharSequence s, int start, int end) throws Closed {
        return append(s.subSequence(start, end));
    }

    @Override
    public Appendable append(char c) throws Closed {
        out.write(c);
        if (c == '\n' || ++unflushed >= FLUSH_EVERY) {
            unflushed = 0;
            if (out.checkError()) { // flushes, then tells whether any write failed
                throw new Closed();
            }
        }
        return this;
    }
}
