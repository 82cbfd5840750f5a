package org.rnn4j.io.csv;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnn4j.io.data.DataFileException;

/**
 * A CSV file as a header and rows of strings, each row with the line it starts on. RFC 4180
 * through Apache Commons CSV (quotes, quoted commas and line breaks, CRLF or LF), a leading
 * UTF-8 byte-order mark dropped, surrounding spaces of unquoted values dropped, blank lines
 * skipped. Checked here: a header, no empty or duplicate column name, every row as wide as the
 * header.
 *
 * @param file the file's name, for messages
 * @param header the column names, in order
 * @param rows the values of each data row, as wide as the header
 * @param lines the line each row starts on (the header's is {@link #headerLine})
 * @param headerLine the line of the header
 */
record CsvRows(String file, List<String> header, List<String[]> rows, int[] lines, int headerLine) {

    /** How Commons CSV names the line of a syntax error in its messages. */
    private static final Pattern PARSER_LINE = Pattern.compile(" at line: (\\d+), position: \\d+");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /**
     * Reads a whole CSV text.
     *
     * @param file the name for messages
     * @param in the text; closed when read
     * @return the header and rows
     * @throws DataFileException on an empty file, a bad header, a ragged row or broken quoting
     */
    static CsvRows read(String file, Reader in) {
        List<String> header = null;
        int headerLine = 0;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(withoutBom(in)).setFormat(FORMAT).get()) {
            long before = 0;
            for (CSVRecord r : parser) {
                // The parser counts the line breaks read so far, those inside quoted values
                // included: a record starts on the line after the break that ended the one
                // before it. Blank lines come through as records of one empty value (so that
                // this count holds) and are skipped here.
                int line = (int) before + 1;
                before = parser.getCurrentLineNumber();
                String[] values = r.values();
                if (values.length == 1 && values[0].isEmpty()) {
                    continue;
                }
                if (header == null) {
                    header = header(file, line, values);
                    headerLine = line;
                    continue;
                }
                if (values.length != header.size()) {
                    throw ragged(file, line, header, values.length);
                }
                rows.add(values);
                lines.add(line);
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new DataFileException(file, 0, null, "the file is not UTF-8 text (it has a byte sequence that "
                        + "UTF-8 does not allow, as Latin-1 or Windows-1252 accents are); save it as UTF-8");
            }
            Matcher at = PARSER_LINE.matcher(message(e));
            throw new DataFileException(file, at.find() ? Integer.parseInt(at.group(1)) : 0, null, "not readable as CSV ("
                    + at.replaceFirst("").strip() + "); a CSV file has comma-separated values, quoted with \" where "
                    + "they hold commas, quotes or line breaks, a quote inside a quoted value doubled (\"\")");
        } catch (IllegalStateException e) {
            throw new DataFileException(file, 0, null, "not readable as CSV (" + e.getMessage()
                    + "); a CSV file has comma-separated values, quoted with \" where they hold commas, quotes or line breaks");
        }
        if (header == null) {
            throw new DataFileException(file, 1, null, "the file is empty; a CSV file with a header row naming the columns "
                    + "and one row per time step is required");
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, headerLine + 1, null, "no data rows after the header; at least one row is required");
        }
        int[] at = new int[lines.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = lines.get(i);
        }
        return new CsvRows(file, List.copyOf(header), rows, at, headerLine);
    }

    /** Drops a leading byte-order mark (U+FEFF), which Excel writes at the start of UTF-8 CSV. */
    private static Reader withoutBom(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int c = r.read();
        if (c != -1 && c != '\uFEFF') {
            r.unread(c);
        }
        return r;
    }

    /** @return the index of the named column, or -1 */
    int column(String name) {
        return header.indexOf(name);
    }

    private static List<String> header(String file, int line, String[] values) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            String name = values[c];
            if (name.isEmpty()) {
                throw new DataFileException(file, line, null, "column " + (c + 1)
                        + " of the header has no name; every column needs a name");
            }
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                throw new DataFileException(file, line, name, "the header names this column twice (columns "
                        + (first + 1) + " and " + (c + 1) + "); column names must be unique");
            }
            names.add(name);
        }
        return names;
    }

    private static DataFileException ragged(String file, int line, List<String> header, int width) {
        if (width < header.size()) {
            return new DataFileException(file, line, header.get(width), "the row has " + width
                    + " value(s) and so no value for this column; every row needs one value for each of the "
                    + header.size() + " columns of the header");
        }
        return new DataFileException(file, line, null, "the row has " + width + " values but the header names "
                + header.size() + " columns; every row needs exactly one value per column");
    }

    private static String message(Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
