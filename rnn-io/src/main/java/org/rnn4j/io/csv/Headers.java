package org.rnn4j.io.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.rnn4j.io.data.DataFileException;

/** Finding the named columns of a CSV file, the default features, and ordering rows by time. */
final class Headers {

    private Headers() {
    }

    /**
     * @param name a column named on the command line
     * @param option the option that named it ({@code --id}), for the message
     * @return its index
     * @throws DataFileException on the header's line when there is no such column
     */
    static int require(CsvRows csv, String name, String option) {
        int c = csv.column(name);
        if (c < 0) {
            throw new DataFileException(csv.file(), csv.headerLine(), name, "no such column in the header (named by "
                    + option + "); the columns are: " + String.join(", ", csv.header()));
        }
        return c;
    }

    /**
     * The feature columns: those named, or else every column not in {@code taken} that holds at
     * least one number (a column of names or categories is left out; a column with numbers
     * and one stray word is kept, and the word is an error later).
     *
     * @param named the names given, or empty for the default
     * @param taken the columns with another role (id, target, time)
     * @return the feature columns' indices, in the order named or the file's
     */
    static int[] features(CsvRows csv, List<String> named, Set<Integer> taken) {
        if (!named.isEmpty()) {
            int[] cols = new int[named.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = require(csv, named.get(i), "--features");
            }
            return cols;
        }
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < csv.header().size(); c++) {
            if (!taken.contains(c) && anyNumber(csv, c)) {
                cols.add(c);
            }
        }
        if (cols.isEmpty()) {
            throw new DataFileException(csv.file(), csv.headerLine(), null, "no feature columns: besides the id, target "
                    + "and time columns, no column holds numbers (columns: " + String.join(", ", csv.header())
                    + "); at least one numeric feature column is required");
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean anyNumber(CsvRows csv, int c) {
        for (String[] row : csv.rows()) {
            if (Cells.looksNumeric(row[c])) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param indices column indices
     * @return their names
     */
    static List<String> names(CsvRows csv, int[] indices) {
        List<String> names = new ArrayList<>();
        for (int c : indices) {
            names.add(csv.header().get(c));
        }
        return names;
    }

    /**
     * Orders rows by the time column (stably), refusing two rows at the same time.
     *
     * @param rows row indices into {@code csv.rows()}, in file order
     * @param time the time column, or -1 to keep file order
     * @param what what the rows form, for the duplicate message ({@code "sequence 'a'"})
     * @return the rows in time order
     */
    static int[] byTime(CsvRows csv, int[] rows, int time, boolean numericTime, String what) {
        if (time < 0) {
            return rows;
        }
        String column = csv.header().get(time);
        double[] keys = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            keys[k] = Cells.time(csv.rows().get(rows[k])[time], numericTime, csv, csv.lines()[rows[k]], column);
        }
        // positions into rows, sorted by time (stable: equal times keep file order, then fail)
        Integer[] order = new Integer[rows.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingDouble(k -> keys[k]));
        for (int k = 1; k < order.length; k++) {
            if (keys[order[k]] == keys[order[k - 1]]) {
                int a = rows[Math.min(order[k], order[k - 1])];
                int b = rows[Math.max(order[k], order[k - 1])];
                throw new DataFileException(csv.file(), csv.lines()[b], column, "the time '" + csv.rows().get(b)[time]
                        + "' is also on line " + csv.lines()[a] + " of " + what
                        + "; the times of one sequence must all differ");
            }
        }
        return Arrays.stream(order).mapToInt(k -> rows[k]).toArray();
    }
}
