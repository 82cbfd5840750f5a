package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Picking rows (batch columns) out of time-major batches and states, and putting state rows
 * back. A sequence's row (t, b) is {@code t * B + b}; a state part holds B rows of
 * {@code part.length / B} values each.
 */
final class Rows {

    private Rows() {
    }

    /**
     * @param s a T x B x F sequence
     * @param rows batch columns, each in [0, B)
     * @return its data restricted to those columns, T x rows.length x F
     */
    static double[] data(Sequence s, int[] rows) {
        int f = s.features();
        double[] out = new double[s.steps() * rows.length * f];
        double[] data = s.data(); // once: a symbol-coded sequence makes its one-hot rows at every call
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(data, (t * s.batch() + rows[i]) * f, out, (t * rows.length + i) * f, f);
            }
        }
        return out;
    }

    /**
     * @param s a T x B sequence of symbols ({@link Sequence#symbols})
     * @param rows batch columns, each in [0, B)
     * @return its symbols restricted to those columns, T x rows.length
     */
    static int[] symbols(Sequence s, int[] rows) {
        int[] out = new int[s.steps() * rows.length];
        int[] symbols = s.symbols();
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < rows.length; i++) {
                out[t * rows.length + i] = symbols[t * s.batch() + rows[i]];
            }
        }
        return out;
    }

    /**
     * @param s a T x B sequence
     * @param rows batch columns
     * @return its mask restricted to those columns, or null if it has none
     */
    static boolean[] mask(Sequence s, int[] rows) {
        if (s.mask() == null) {
            return null;
        }
        boolean[] out = new boolean[s.steps() * rows.length];
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < rows.length; i++) {
                out[t * rows.length + i] = s.mask()[t * s.batch() + rows[i]];
            }
        }
        return out;
    }

    /**
     * @param states one state per recurrent layer over B rows, or null
     * @param batch B
     * @param rows the rows to keep
     * @return [layer][part][values] of those rows, or null for null
     */
    static double[][][] states(List<State> states, int batch, int[] rows) {
        if (states == null) {
            return null;
        }
        double[][][] out = new double[states.size()][][];
        for (int l = 0; l < states.size(); l++) {
            double[][] parts = states.get(l).parts();
            out[l] = new double[parts.length][];
            for (int p = 0; p < parts.length; p++) {
                int width = parts[p].length / batch;
                out[l][p] = new double[rows.length * width];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(parts[p], rows[i] * width, out[l][p], i * width, width);
                }
            }
        }
        return out;
    }

    /**
     * @param raw [layer][part][values], or null
     * @return the states, or null for null
     */
    static List<State> toStates(double[][][] raw) {
        if (raw == null) {
            return null;
        }
        List<State> out = new ArrayList<>(raw.length);
        for (double[][] parts : raw) {
            out.add(new State(parts));
        }
        return out;
    }

    /**
     * @param states states of a network
     * @return their values as [layer][part][values], copied
     */
    static double[][][] raw(List<State> states) {
        double[][][] out = new double[states.size()][][];
        for (int l = 0; l < states.size(); l++) {
            out[l] = states.get(l).copy().parts();
        }
        return out;
    }

    /**
     * Writes a shard's rows back into states over all B rows.
     *
     * @param into [layer][part][values] over B rows
     * @param batch B
     * @param rows the shard's rows
     * @param shard [layer][part][values] over the shard's rows
     */
    static void put(double[][][] into, int batch, int[] rows, double[][][] shard) {
        for (int l = 0; l < into.length; l++) {
            for (int p = 0; p < into[l].length; p++) {
                int width = into[l][p].length / batch;
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(shard[l][p], i * width, into[l][p], rows[i] * width, width);
                }
            }
        }
    }
}
