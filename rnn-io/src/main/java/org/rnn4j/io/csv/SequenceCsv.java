package org.rnn4j.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.io.data.DataFileException;
import org.rnn4j.io.data.InputSequences;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Task;

/**
 * Reads sequences from a long-format CSV file: a header row, then one row per time step; the
 * rows with the same id form one sequence and must be contiguous; within a sequence the rows are
 * ordered by the time column when there is one (and must then have different times), else kept
 * in file order. Features are the named columns or, by default, every column besides the id,
 * target and time that holds numbers. Targets: for classify and regress the target of each
 * sequence's last row (in time order), for tag the target of every row. Class labels may be any
 * non-empty strings; class indices follow their sorted order.
 *
 * <p>Every problem is a {@link DataFileException} naming the file, the line and the column.
 */
public final class SequenceCsv {

    private SequenceCsv() {
    }

    /**
     * Reads a UTF-8 file.
     *
     * @param file the CSV file; its name as given appears in messages
     * @param columns which column is what
     * @return the sequences
     * @throws DataFileException for malformed data
     * @throws UncheckedIOException when the file cannot be read
     */
    public static SequenceTable read(Path file, SequenceColumns columns) {
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
     * @return the sequences
     * @throws DataFileException for malformed data
     */
    public static SequenceTable read(String name, Reader in, SequenceColumns columns) {
        CsvRows csv = CsvRows.read(name, in);
        int id = Headers.require(csv, columns.id(), "--id");
        int target = Headers.require(csv, columns.target(), "--target");
        int time = columns.time() == null ? -1 : Headers.require(csv, columns.time(), "--time");
        int[] features = Headers.features(csv, columns.features(), Set.of(id, target, time));
        boolean numericTime = time < 0 || Cells.numericTime(csv.rows().get(0)[time]);

        List<String> ids = new ArrayList<>();
        List<double[][]> x = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        List<int[]> labelLines = new ArrayList<>();
        for (Map.Entry<String, int[]> seq : contiguous(csv, id).entrySet()) {
            int[] rows = Headers.byTime(csv, seq.getValue(), time, numericTime, "sequence '" + seq.getKey() + "'");
            double[][] steps = new double[rows.length][features.length];
            int[] at = new int[rows.length];
            for (int t = 0; t < rows.length; t++) {
                String[] row = csv.rows().get(rows[t]);
                at[t] = csv.lines()[rows[t]];
                for (int f = 0; f < features.length; f++) {
                    steps[t][f] = Cells.number(row[features[f]], csv, at[t], csv.header().get(features[f]),
                            "a feature column");
                }
            }
            ids.add(seq.getKey());
            x.add(steps);
            lines.add(at);
            int[] targetRows = columns.task() == Task.TAG ? rows : new int[] {rows[rows.length - 1]};
            String[] values = new String[targetRows.length];
            int[] valueLines = new int[targetRows.length];
            for (int k = 0; k < targetRows.length; k++) {
                values[k] = csv.rows().get(targetRows[k])[target];
                valueLines[k] = csv.lines()[targetRows[k]];
            }
            labels.add(values);
            labelLines.add(valueLines);
        }
        List<String> featureNames = Headers.names(csv, features);
        String targetName = columns.target();
        if (columns.task() == Task.REGRESS) {
            double[] v = new double[ids.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Cells.number(labels.get(i)[0], csv, labelLines.get(i)[0], targetName,
                        "the target of regression (each sequence's last row)");
            }
            return SequenceTable.numbers(name, featureNames, targetName, ids, x, lines, v);
        }
        List<String> known = classNames(csv, columns, labels, labelLines);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < known.size(); c++) {
            index.put(known.get(c), c);
        }
        List<int[]> classes = new ArrayList<>();
        for (String[] seq : labels) {
            int[] c = new int[seq.length];
            for (int k = 0; k < seq.length; k++) {
                c[k] = index.get(seq[k]);
            }
            classes.add(c);
        }
        if (columns.task() == Task.TAG) {
            return SequenceTable.stepClasses(name, featureNames, targetName, known, ids, x, lines, classes);
        }
        int[] perSequence = classes.stream().mapToInt(c -> c[0]).toArray();
        return SequenceTable.classes(name, featureNames, targetName, known, ids, x, lines, perSequence);
    }

    /**
     * Reads the features of every sequence of a UTF-8 file without any target, as a trained model
     * reads the data it predicts: the id, the time column (if the model had one) and the model's
     * feature columns must be in the header; other columns (a target among them) are ignored.
     *
     * @param file the CSV file; its name as given appears in messages
     * @param id the id column
     * @param time the time column, or null for file order
     * @param features the feature columns, in the model's order
     * @return the sequences
     * @throws DataFileException for malformed data, naming the first column the model reads that
     *     the header lacks
     * @throws UncheckedIOException when the file cannot be read
     */
    public static InputSequences readInputs(Path file, String id, String time, List<String> features) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readInputs(file.toString(), in, id, time, features);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text as {@link #readInputs(Path, String, String, List)} reads a file.
     *
     * @param name the name for messages
     * @param in the text, closed when read
     * @param id the id column
     * @param time the time column, or null
     * @param features the feature columns, in the model's order
     * @return the sequences
     * @throws DataFileException for malformed data or a column the model reads that is missing
     */
    public static InputSequences readInputs(String name, Reader in, String id, String time, List<String> features) {
        CsvRows csv = CsvRows.read(name, in);
        int idColumn = modelColumn(csv, id, "id");
        int timeColumn = time == null ? -1 : modelColumn(csv, time, "time");
        int[] cols = new int[features.size()];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = modelColumn(csv, features.get(f), "feature");
        }
        boolean numericTime = timeColumn < 0 || Cells.numericTime(csv.rows().get(0)[timeColumn]);
        List<String> ids = new ArrayList<>();
        List<double[][]> x = new ArrayList<>();
        List<String[]> times = timeColumn < 0 ? null : new ArrayList<>();
        for (Map.Entry<String, int[]> seq : contiguous(csv, idColumn).entrySet()) {
            int[] rows = Headers.byTime(csv, seq.getValue(), timeColumn, numericTime, "sequence '" + seq.getKey()
                    + "'");
            double[][] steps = new double[rows.length][cols.length];
            String[] at = new String[rows.length];
            for (int t = 0; t < rows.length; t++) {
                String[] row = csv.rows().get(rows[t]);
                for (int f = 0; f < cols.length; f++) {
                    steps[t][f] = Cells.number(row[cols[f]], csv, csv.lines()[rows[t]], csv.header().get(cols[f]),
                            "a feature column");
                }
                at[t] = timeColumn < 0 ? null : row[timeColumn];
            }
            ids.add(seq.getKey());
            x.add(steps);
            if (times != null) {
                times.add(at);
            }
        }
        return new InputSequences(name, features, ids, x, times);
    }

    /** A column the model reads, or an error on the header's line naming it. */
    private static int modelColumn(CsvRows csv, String name, String role) {
        int c = csv.column(name);
        if (c < 0) {
            throw new DataFileException(csv.file(), csv.headerLine(), name, "the model reads the " + role + " column '"
                    + name + "' but the header has no such column; the columns are: " + String.join(", ", csv.header()));
        }
        return c;
    }

    /**
     * Groups the rows by id, in file order, refusing an id whose rows are not contiguous.
     *
     * @return for each id in order of first appearance, its rows in file order
     */
    private static LinkedHashMap<String, int[]> contiguous(CsvRows csv, int id) {
        LinkedHashMap<String, int[]> groups = new LinkedHashMap<>();
        String column = csv.header().get(id);
        int start = 0;
        Map<String, Integer> lastLine = new HashMap<>();
        List<String[]> rows = csv.rows();
        for (int r = 0; r <= rows.size(); r++) {
            if (r < rows.size() && rows.get(r)[id].isEmpty()) {
                throw new DataFileException(csv.file(), csv.lines()[r], column, "the id is empty; every row needs "
                        + "the id of the sequence it belongs to");
            }
            if (r == rows.size() || r > start && !rows.get(r)[id].equals(rows.get(start)[id])) {
                String done = rows.get(start)[id];
                int[] group = new int[r - start];
                for (int k = 0; k < group.length; k++) {
                    group[k] = start + k;
                }
                groups.put(done, group);
                lastLine.put(done, csv.lines()[r - 1]);
                start = r;
                if (r < rows.size() && lastLine.containsKey(rows.get(r)[id])) {
                    String again = rows.get(r)[id];
                    throw new DataFileException(csv.file(), csv.lines()[r], column, "the id '" + Cells.abbreviate(again)
                            + "' appears again after its rows ended on line " + lastLine.get(again)
                            + "; the rows of one sequence must be contiguous (sort the file by id, keeping the order "
                            + "of the steps)");
                }
            }
        }
        return groups;
    }

    private static List<String> classNames(CsvRows csv, SequenceColumns columns, List<String[]> labels,
            List<int[]> lines) {
        Set<String> known = new HashSet<>(columns.labels());
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int k = 0; k < labels.get(i).length; k++) {
                String label = labels.get(i)[k];
                if (label.isEmpty()) {
                    throw new DataFileException(csv.file(), lines.get(i)[k], columns.target(), "the class label is empty; "
                            + "every " + (columns.task() == Task.TAG ? "row" : "sequence's last row")
                            + " needs a label (any non-empty text)");
                }
                if (!known.isEmpty() && !known.contains(label)) {
                    throw new DataFileException(csv.file(), lines.get(i)[k], columns.target(), "the class '"
                            + Cells.abbreviate(label) + "' is not one the model knows; the classes are: "
                            + String.join(", ", columns.labels()));
                }
                seen.add(label);
            }
        }
        return known.isEmpty() ? List.copyOf(seen) : columns.labels();
    }
}
