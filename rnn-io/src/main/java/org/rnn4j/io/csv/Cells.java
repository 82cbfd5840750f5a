package org.rnn4j.io.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rnn4j.io.data.DataFileException;

/** The values of one cell: numbers written plainly, and times. */
final class Cells {

    /** A decimal number: digits with an optional sign, point and exponent; nothing else. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** What spreadsheets and NumPy write for values that are not finite numbers. */
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** The start of an ISO-8601 date: 4 digits, dash, 2 digits, dash, 2 digits. */
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** What a number looks like, for messages. */
    static final String NUMBERS = "a finite decimal number such as 3, -0.25 or 1.5e-3";

    private Cells() {
    }

    /**
     * @param s a cell
     * @return whether it is written as a number, finite or not (so a column of numbers with a
     *     NaN in it is still a column of numbers, and the NaN gets its own error)
     */
    static boolean looksNumeric(String s) {
        return NUMBER.matcher(s).matches() || NOT_FINITE.matcher(s).matches();
    }

    /**
     * Parses a finite number.
     *
     * @throws DataFileException naming the place when the cell is empty, not a number, NaN,
     *     infinite or too large for a double
     */
    static double number(String s, CsvRows csv, int line, String column, String role) {
        if (s.isEmpty()) {
            throw new DataFileException(csv.file(), line, column, "the value is empty; " + role
                    + " needs " + NUMBERS + " on every row (missing values are not supported)");
        }
        if (NOT_FINITE.matcher(s).matches()) {
            throw new DataFileException(csv.file(), line, column, "'" + s + "' is not a finite number; " + role
                    + " needs " + NUMBERS + " (NaN and infinities are not allowed)");
        }
        if (!NUMBER.matcher(s).matches()) {
            throw new DataFileException(csv.file(), line, column, "'" + abbreviate(s) + "' is not a number; " + role
                    + " needs " + NUMBERS);
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new DataFileException(csv.file(), line, column, "'" + abbreviate(s) + "' is too large for a double; "
                    + role + " needs " + NUMBERS + " of magnitude below 1.8e308");
        }
        return v;
    }

    /**
     * A time as a sort key: a number, an ISO-8601 date ({@code 2024-03-01}), date-time
     * ({@code 2024-03-01T12:30:00}, taken as UTC) or instant with offset
     * ({@code 2024-03-01T12:30:00+01:00}, {@code ...Z}). The kind of the column's first value
     * fixes the kind of every other.
     *
     * @param s the cell
     * @param numeric whether the column holds numbers (else dates or date-times)
     * @return seconds since the epoch for times, the number itself for numbers
     */
    static double time(String s, boolean numeric, CsvRows csv, int line, String column) {
        if (numeric && looksNumeric(s)) {
            return number(s, csv, line, column, "the time column");
        }
        Double t = instant(s);
        if (numeric && t == null && !s.isEmpty() || !numeric && t == null) {
            throw new DataFileException(csv.file(), line, column, "'" + abbreviate(s) + "' is neither a number nor an "
                    + "ISO-8601 date or date-time; the time column needs " + (numeric ? "numbers" : "dates or date-times "
                    + "such as 2024-03-01 or 2024-03-01T12:30:00") + " on every row, like its first");
        }
        if (numeric && t != null) {
            throw new DataFileException(csv.file(), line, column, "'" + abbreviate(s) + "' is a date but the time column's "
                    + "first value is a number; the time column needs one kind on every row");
        }
        return numeric ? number(s, csv, line, column, "the time column") : t;
    }

    /** @return whether a time column's first value makes it a column of numbers */
    static boolean numericTime(String first) {
        return instant(first) == null;
    }

    private static Double instant(String s) {
        if (!DATE_LIKE.matcher(s).lookingAt()) {
            return null; // cheap: parse attempts that fail throw, which costs more than the parsing
        }
        try {
            return seconds(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return seconds(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return seconds(OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() * 1e-9;
    }

    /** Long values are cut in messages so that a message stays one readable line. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
