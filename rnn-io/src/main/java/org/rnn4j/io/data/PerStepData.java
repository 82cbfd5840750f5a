package org.rnn4j.io.data;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.core.train.SequenceDataset;

/**
 * The adapter from these values to the trainer's {@link SequenceDataset} for the tasks that
 * today's per-step networks learn: tagging (a one-hot class target at every step, for
 * {@code softmax_cross_entropy}) and forecasting windows (at every step the next H target
 * values, for {@code mse}; the last step's output is the window's forecast). Inputs are
 * standardised with a {@link Standardizer} fitted on the training part; forecast targets may be
 * standardised with the target column's mean and scale (so a prediction is read back with
 * {@link Standardizer#invert}). Per-sequence targets (classify, regress) need a sequence-level
 * head and come with it.
 */
public final class PerStepData {

    private PerStepData() {
    }

    /**
     * Tagging: each chosen sequence with its standardised features and a one-hot row of its
     * class at every step.
     *
     * @param table a tag table
     * @param rows the sequences to take (a part of a {@link SequenceSplit})
     * @param inputs the standardisation of the features, fitted on the training part
     * @param batchSize sequences per batch
     * @return the dataset; the output size is {@code table.labels().size()}
     */
    public static SequenceDataset tagging(SequenceTable table, int[] rows, Standardizer inputs, int batchSize) {
        if (table.task() != Task.TAG) {
            throw new IllegalArgumentException("per-step class targets need a tag table, got " + table.task().cliName());
        }
        requireNames(inputs, table.featureNames());
        int classes = table.labels().size();
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        for (int i : rows) {
            xs.add(inputs.apply(table.features(i)));
            int[] tags = table.stepClasses(i);
            double[][] d = new double[tags.length][classes];
            for (int t = 0; t < tags.length; t++) {
                d[t][tags[t]] = 1;
            }
            ds.add(d);
        }
        return SequenceDataset.of(xs, ds, batchSize);
    }

    /**
     * Forecasting: each window of the range with its standardised inputs ({@code [W][width]})
     * and per-step targets ({@code [W][H]}, {@link ForecastWindows#stepTargets}).
     *
     * @param windows the windows
     * @param range which windows (a part of a {@link WindowSplit})
     * @param inputs the standardisation of the series' columns, fitted on the training steps
     * @param scaleTargets whether targets are standardised with the target column's mean and
     *     scale (column 0 of {@code inputs})
     * @param batchSize windows per batch
     * @return the dataset; the output size is H
     */
    public static SequenceDataset forecasting(ForecastWindows windows, WindowSplit.Range range, Standardizer inputs,
            boolean scaleTargets, int batchSize) {
        requireNames(inputs, windows.series().columns());
        if (range.size() < 1) {
            throw new IllegalArgumentException("no windows in " + range);
        }
        double mean = scaleTargets ? inputs.mean(0) : 0;
        double scale = scaleTargets ? inputs.scale(0) : 1;
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        for (int i = range.from(); i < range.to(); i++) {
            xs.add(inputs.apply(windows.inputs(i)));
            double[][] d = windows.stepTargets(i);
            for (double[] row : d) {
                for (int h = 0; h < row.length; h++) {
                    row[h] = (row[h] - mean) / scale;
                }
            }
            ds.add(d);
        }
        return SequenceDataset.of(xs, ds, batchSize);
    }

    private static void requireNames(Standardizer s, List<String> names) {
        if (!s.names().equals(names)) {
            throw new IllegalArgumentException("the standardisation is of " + s.names() + " but the data has "
                    + names);
        }
    }
}
