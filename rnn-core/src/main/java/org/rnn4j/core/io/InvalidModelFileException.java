package org.rnn4j.core.io;

/**
 * A model or checkpoint file that cannot be loaded: its message is one line, "where: what is
 * wrong", naming the offending tensor, entry or plug-in and what is allowed.
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

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
