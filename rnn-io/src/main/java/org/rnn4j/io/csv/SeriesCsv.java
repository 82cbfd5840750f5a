package org.rnn4j.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rnn4j.io.data.DataFileException;
import org.rnn4j.io.data.Series;

/**
 * Reads one time series from a CSV file for forecasting ({@code --task forecast --target COL
 * [--time COL] [--features C1,...]}): a header row, then one row per time step, in time order
 * or ordered by the time column (whose times must then all differ). The target column comes
 * first in the {@link Series}; the other columns that hold numbers (or those named) are extra
 * inputs. Every problem is a {@link DataFileException} naming the file, the line and the column.
 */
public final class SeriesCsv {

    private SeriesCsv() {
    }

    /**
     * Which columns are what.
     *
     * @param target the column forecast
     * @param time the column that orders the rows (then not an input), or null for file order
     * @param features the extra input columns, or empty for every other column holding numbers
     */
    public record Columns(String target, String time, List<String> features) {

        /** Checks the names. */
        public Columns {
            if (target == null || target.isEmpty()) {
                throw new IllegalArgumentException("--target names the column to forecast; it is required");
            }
            if (target.equals(time)) {
                throw new IllegalArgumentException("--target and --time must name different columns, got '" + target + "'");
            }
            features = List.copyOf(features);
            for (String f : features) {
                if (f.equals(target) || f.equals(time)) {
                    throw new IllegalArgumentException("--features may not list the " + (f.equals(target) ? "target" : "time")
                            + " column '" + f + "'; the target is always an input, the time never");
                }
                if (features.indexOf(f) != features.lastIndexOf(f)) {
                    throw new IllegalArgumentException("--features lists '" + f + "' twice; name each feature once");
                }
            }
        }

        /**
         * @param target the column forecast
         * @param time the time column or null
         * @return the columns, with the default extra inputs
         */
        public static Columns of(String target, String time) {
            return new Columns(target, time, List.of());
        }
    }

    /**
     * Reads a UTF-8 file.
     *
     * @param file the CSV file
     * @param columns which column is what
     * @return the series
     * @throws DataFileException for malformed data
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Series read(Path file, Columns columns) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), in, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text.
     *
     * @param name the name for messages
     * @param in the text, closed when read
     * @param columns which column is what
     * @return the series
     * @throws DataFileException for malformed data
     */
    public static Series read(String name, Reader in, Columns columns) {
        CsvRows csv = CsvRows.read(name, in);
        int target = Headers.require(csv, columns.target(), "--target");
        int time = columns.time() == null ? -1 : Headers.require(csv, columns.time(), "--time");
        int[] extra = columns.features().isEmpty() ? defaultExtras(csv, target, time)
                : Headers.features(csv, columns.features(), Set.of(target, time));
        int[] cols = new int[extra.length + 1];
        cols[0] = target;
        System.arraycopy(extra, 0, cols, 1, extra.length);
        int[] all = new int[csv.rows().size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        boolean numericTime = time < 0 || Cells.numericTime(csv.rows().get(0)[time]);
        int[] rows = Headers.byTime(csv, all, time, numericTime, "the series");
        double[][] values = new double[rows.length][cols.length];
        int[] lines = new int[rows.length];
        for (int t = 0; t < rows.length; t++) {
            String[] row = csv.rows().get(rows[t]);
            lines[t] = csv.lines()[rows[t]];
            for (int c = 0; c < cols.length; c++) {
                values[t][c] = Cells.number(row[cols[c]], csv, lines[t], csv.header().get(cols[c]),
                        c == 0 ? "the target column" : "an input column");
            }
        }
        return new Series(name, Headers.names(csv, cols), values, lines);
    }

    /**
     * The time column's text at each step of a UTF-8 file, in time order (the order
     * {@link #read(Path, Columns)} gives the steps), for reports that name steps by their time.
     *
     * @param file the CSV file
     * @param time the time column
     * @return one text per data row, in time order
     * @throws DataFileException when the column is missing or its times are malformed or repeated
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<String> times(Path file, String time) {
        CsvRows csv;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            csv = CsvRows.read(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int column = Headers.require(csv, time, "--time");
        int[] all = new int[csv.rows().size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        List<String> texts = new ArrayList<>();
        for (int r : Headers.byTime(csv, all, column, Cells.numericTime(csv.rows().get(0)[column]), "the series")) {
            texts.add(csv.rows().get(r)[column]);
        }
        return texts;
    }

    /** Every other column holding numbers; none is fine (the target alone is the input). */
    private static int[] defaultExtras(CsvRows csv, int target, int time) {
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < csv.header().size(); c++) {
            if (c != target && c != time) {
                for (String[] row : csv.rows()) {
                    if (Cells.looksNumeric(row[c])) {
                        cols.add(c);
                        break;
                    }
                }
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }
}
