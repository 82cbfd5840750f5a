package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.State;
import org.rnn4j.core.math.ArraySize;

/**
 * Per-sequence recurrent states in and out of a batch. A network's states are one
 * {@link State} per recurrent layer whose blocks hold B rows, row b belonging to sequence b;
 * these helpers stack the states of B separate sequences into such batch states (the initial
 * state per sequence, in) and take row b back out (a sequence's final state, out; for a padded
 * batch, the state after that sequence's own last real step, since padded steps carry it).
 */
public final class BatchStates {

    private BatchStates() {
    }

    /**
     * Stacks the states of B sequences, each a list of one batch-1 state per layer.
     *
     * @param perSequence B lists of the same layers and block widths
     * @return one state per layer with B rows, row b from {@code perSequence.get(b)}
     * @throws IllegalArgumentException if the sequences' states do not have the same shape
     */
    public static List<State> stack(List<List<State>> perSequence) {
        if (perSequence.isEmpty()) {
            throw new IllegalArgumentException("stacking states needs at least one sequence");
        }
        List<State> first = perSequence.get(0);
        int batch = perSequence.size();
        List<State> out = new ArrayList<>(first.size());
        for (int l = 0; l < first.size(); l++) {
            double[][] parts = new double[first.get(l).parts().length][];
            for (int k = 0; k < parts.length; k++) {
                int width = first.get(l).part(k).length;
                parts[k] = new double[ArraySize.of("a stacked state block", batch, width)];
                for (int b = 0; b < batch; b++) {
                    double[] src = blockOf(perSequence.get(b), l, k, b);
                    if (src.length != width) {
                        throw new IllegalArgumentException("sequence " + b + " has a state block " + k + " of layer " + l
                                + " with " + src.length + " values, sequence 0 has " + width);
                    }
                    System.arraycopy(src, 0, parts[k], b * width, width);
                }
            }
            out.add(new State(parts));
        }
        return out;
    }

    /**
     * The states of sequence {@code b} out of batch states.
     *
     * @param batchStates one state per layer with {@code batch} rows
     * @param b the sequence, 0 .. batch-1
     * @param batch B
     * @return new batch-1 states, one per layer
     */
    public static List<State> row(List<State> batchStates, int b, int batch) {
        if (b < 0 || b >= batch) {
            throw new IllegalArgumentException("sequence " + b + " is not in a batch of " + batch);
        }
        List<State> out = new ArrayList<>(batchStates.size());
        for (State s : batchStates) {
            double[][] parts = new double[s.parts().length][];
            for (int k = 0; k < parts.length; k++) {
                int width = s.part(k).length / batch;
                parts[k] = Arrays.copyOfRange(s.part(k), b * width, (b + 1) * width);
            }
            out.add(new State(parts));
        }
        return out;
    }

    private static double[] blockOf(List<State> states, int layer, int block, int b) {
        if (states.size() <= layer || states.get(layer).parts().length <= block) {
            throw new IllegalArgumentException("sequence " + b + " has no state block " + block + " for layer " + layer);
        }
        return states.get(layer).part(block);
    }
}
