package org.rnn4j.io.model;

/**
 * A model or checkpoint file that cannot be loaded: its message is one line, "where: what is
 * wrong", naming the offending tensor, entry or plug-in and what is allowed, with every string of
 * the file in it escaped (no terminal control characters, whatever message it wraps).
 */
public final class InvalidModelFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param where the file (or {@code "<bytes>"})
     * @param problem what is wrong
     */
    public InvalidModelFileException(String where, String problem) {
        super(oneLine(where + ": " + problem));
    }

    /**
     * @param where the file
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public InvalidModelFileException(String where, String problem, Throwable cause) {
        super(oneLine(where + ": " + problem), cause);
    }

    /** Line breaks become spaces, and anything else a terminal would act on is {@linkplain Text#escape escaped}. */
    private static String oneLine(String s) {
        return Text.escape(s.replaceAll("[\\r\\n]+", " "));
    }
}
