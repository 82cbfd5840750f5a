package org.rnn4j.io.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Series;
import org.rnn4j.io.data.Task;

/**
 * Writes sequences and series in the formats {@link SequenceCsv} and {@link SeriesCsv} read,
 * numbers as {@link Double#toString(double)} (which reads back to the same double), values
 * quoted where CSV needs it, LF line ends. What it writes reads back to equal values, ids,
 * labels and line numbers.
 */
public final class CsvWriter {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private CsvWriter() {
    }

    /**
     * Writes a table in long format: the header {@code id[,time],features...,target}, then one
     * row per step; a per-sequence target (class label or number) is repeated on every row of
     * its sequence (the reader takes the last row's).
     *
     * @param out where to write; not closed
     * @param table the sequences
     * @param idColumn the id column's name
     * @param timeColumn the time column's name (steps numbered 0, 1, ... in each sequence), or
     *     null for none
     * @throws IOException from {@code out}
     */
    public static void sequences(Appendable out, SequenceTable table, String idColumn, String timeColumn)
            throws IOException {
        List<String> header = new ArrayList<>();
        header.add(idColumn);
        if (timeColumn != null) {
            header.add(timeColumn);
        }
        header.addAll(table.featureNames());
        header.add(table.targetName());
        CSVPrinter p = new CSVPrinter(out, FORMAT);
        p.printRecord(header);
        for (int i = 0; i < table.size(); i++) {
            int[] tags = table.task() == Task.TAG ? table.stepClasses(i) : null;
            for (int t = 0; t < table.steps(i); t++) {
                List<String> row = new ArrayList<>();
                row.add(table.id(i));
                if (timeColumn != null) {
                    row.add(Integer.toString(t));
                }
                for (int f = 0; f < table.featureCount(); f++) {
                    row.add(Double.toString(table.feature(i, t, f)));
                }
                row.add(switch (table.task()) {
                    case CLASSIFY -> table.labels().get(table.classOf(i));
                    case REGRESS -> Double.toString(table.valueOf(i));
                    default -> table.labels().get(tags[t]);
                });
                p.printRecord(row);
            }
        }
        p.flush();
    }

    /**
     * Writes a series: the header {@code [time,]columns...}, then one row per step.
     *
     * @param out where to write; not closed
     * @param series the series
     * @param timeColumn the time column's name (steps numbered 0, 1, ...), or null for none
     * @throws IOException from {@code out}
     */
    public static void series(Appendable out, Series series, String timeColumn) throws IOException {
        List<String> header = new ArrayList<>();
        if (timeColumn != null) {
            header.add(timeColumn);
        }
        header.addAll(series.columns());
        CSVPrinter p = new CSVPrinter(out, FORMAT);
        p.printRecord(header);
        for (int t = 0; t < series.length(); t++) {
            List<String> row = new ArrayList<>();
            if (timeColumn != null) {
                row.add(Integer.toString(t));
            }
            for (int c = 0; c < series.width(); c++) {
                row.add(Double.toString(series.value(t, c)));
            }
            p.printRecord(row);
        }
        p.flush();
    }

    /**
     * Writes one record, quoted where CSV needs it, ended by LF.
     *
     * @param out where to write; not closed
     * @param cells the cells, each written as its {@code toString()}
     * @throws IOException if writing fails
     */
    public static void row(Appendable out, List<?> cells) throws IOException {
        CSVPrinter p = new CSVPrinter(out, FORMAT);
        p.printRecord(cells);
        p.flush();
    }
}
