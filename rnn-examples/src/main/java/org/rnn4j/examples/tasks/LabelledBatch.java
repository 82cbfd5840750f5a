package org.rnn4j.examples.tasks;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.train.SequenceDataset;

/**
 * A batch of sequences with one target row per sequence: what a network with a sequence head
 * trains on.
 *
 * @param x the inputs, T x B x features, padded (masked) when the sequences differ in length
 * @param target 1 x B x width: the numbers to regress, or one class index per sequence
 */
public record LabelledBatch(Sequence x, Sequence target) {

    /**
     * The batch's sequences, each cut to its real steps, as a dataset with per-sequence targets
     * for the {@link org.rnn4j.core.train.Trainer}.
     *
     * @param batchSize the dataset's B
     * @return the dataset, in the batch's order
     */
    public SequenceDataset dataset(int batchSize) {
        List<double[][]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (int b = 0; b < x.batch(); b++) {
            int length = 0;
            for (int t = 0; t < x.steps(); t++) {
                length = x.active(t * x.batch() + b) ? t + 1 : length;
            }
            double[][] steps = new double[length][x.features()];
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < x.features(); f++) {
                    steps[t][f] = x.get(t, b, f);
                }
            }
            double[] row = new double[target.features()];
            for (int f = 0; f < row.length; f++) {
                row[f] = target.get(0, b, f);
            }
            inputs.add(steps);
            targets.add(row);
        }
        return SequenceDataset.perSequence(inputs, targets, batchSize);
    }
}
