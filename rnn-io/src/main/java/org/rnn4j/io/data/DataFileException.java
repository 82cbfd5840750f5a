package org.rnn4j.io.data;

/**
 * Data that cannot be used, located in its file: the message is one line,
 * {@code "FILE, line N, column 'C': what is wrong; what is allowed"} (without the column part
 * when the problem is not in one column, such as an empty file).
 */
public final class DataFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file (or the name given to a stream). */
    private final String file;
    /** The 1-based line, or 0 when the problem is the whole file. */
    private final int line;
    /** The column's name, or null when the problem is not in one column. */
    private final String column;

    /**
     * @param file the file's name as the user gave it
     * @param line the 1-based line (the header is line 1), or 0 for the whole file
     * @param column the column's name, or null
     * @param problem what is wrong and what is allowed
     */
    public DataFileException(String file, int line, String column, String problem) {
        super(oneLine(where(file, line, column) + ": " + problem));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** @return the file (or stream) name */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 when the problem is the whole file */
    public int line() {
        return line;
    }

    /** @return the column's name, or null when the problem is not in one column */
    public String column() {
        return column;
    }

    private static String where(String file, int line, String column) {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(", line ").append(line);
        }
        if (column != null) {
            s.append(", column '").append(column).append('\'');
        }
        return s.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
