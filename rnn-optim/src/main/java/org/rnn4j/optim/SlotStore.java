package org.rnn4j.optim;

import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * The per-parameter state of an optimizer, in either precision: for parameter {@code p} (its
 * position in the list) {@code slots} arrays of the parameter's size, {@code double[]} for a
 * float64 parameter and {@code float[]} (half the bytes, no {@code double} copy) for a float32
 * one.
 *
 * <p>The slots are made at the first step ({@link #start}), kept until {@link #clear()}, and
 * replaced by {@link #restore}, whose snapshot is float64: {@link #matchPrecision} then gives
 * each parameter's slots its precision at the next step (widening is exact; rounding is exact
 * for state that was float32 when saved). {@link #widened()} is the state as {@code double[]}
 * arrays, for a snapshot.
 */
final class SlotStore {

    private final int slots;
    /** Sizes of the parameters at the first step; null before it. */
    private int[] sizes;
    /**
     * {@code doubles[p][slot][element]} of a float64 parameter p (null for a float32 one, or
     * before the first step); {@code floats[p]} likewise for a float32 one.
     */
    private double[][][] doubles;
    private float[][][] floats;

    /** @param slots how many state arrays each parameter needs */
    SlotStore(int slots) {
        this.slots = slots;
    }

    /** The parameter sizes fixed at the first step (or restored); null before it. */
    int[] sizes() {
        return sizes;
    }

    /** Whether parameter p's state is float32. */
    boolean isFloat(int p) {
        return floats[p] != null;
    }

    /** Parameter p's float64 state arrays, one a slot; null if its state is float32. */
    double[][] doubles(int p) {
        return doubles[p];
    }

    /** Parameter p's float32 state arrays, one a slot; null if its state is float64. */
    float[][] floats(int p) {
        return floats[p];
    }

    /**
     * Makes zero state for the parameters of the first step, each in its precision, then has the
     * optimizer {@link AbstractOptimizer#initialize initialize} it: a float64 parameter's arrays
     * at once, a float32 one's a chunk at a time in {@code double}, rounded to float.
     *
     * @param parameters the parameters, none null
     * @param s their sizes
     * @param optimizer whose initial state it is
     */
    void start(List<Parameter> parameters, int[] s, AbstractOptimizer optimizer) {
        double[][][] fresh = new double[s.length][][];
        float[][][] freshFloat = new float[s.length][][];
        for (int p = 0; p < s.length; p++) {
            if (parameters.get(p).precision() == Precision.FLOAT32) {
                freshFloat[p] = new float[slots][s[p]];
                for (int from = 0; from < s[p]; from += AbstractOptimizer.CHUNK) { // a chunk at a time, rounded
                    int n = Math.min(AbstractOptimizer.CHUNK, s[p] - from);
                    double[][] chunk = new double[slots][n];
                    optimizer.initialize(chunk);
                    for (int k = 0; k < slots; k++) {
                        for (int i = 0; i < n; i++) {
                            freshFloat[p][k][from + i] = (float) chunk[k][i];
                        }
                    }
                }
            } else {
                fresh[p] = new double[slots][s[p]];
                optimizer.initialize(fresh[p]);
            }
        }
        sizes = s;
        doubles = fresh;
        floats = freshFloat;
    }

    /**
     * Makes parameter p's state float32 or float64 as the parameter is (after {@link #restore},
     * whose snapshot is float64): widening is exact, rounding is for state that was float32.
     */
    void matchPrecision(int p, boolean f32) {
        if (f32 && doubles[p] != null) {
            floats[p] = new float[slots][];
            for (int k = 0; k < slots; k++) {
                floats[p][k] = new float[sizes[p]];
                for (int i = 0; i < sizes[p]; i++) {
                    floats[p][k][i] = (float) doubles[p][k][i];
                }
            }
            doubles[p] = null;
        } else if (!f32 && floats[p] != null) {
            doubles[p] = widened(floats[p]);
            floats[p] = null;
        }
    }

    /**
     * The state as {@code state[p][slot][element]}, float32 slots widened into new arrays
     * (exactly), float64 ones as they are; null before the first step.
     */
    double[][][] widened() {
        double[][][] all = doubles == null ? null : doubles.clone();
        if (all != null) {
            for (int p = 0; p < all.length; p++) {
                if (floats[p] != null) {
                    all[p] = widened(floats[p]); // exact
                }
            }
        }
        return all;
    }

    private static double[][] widened(float[][] slotsOf) {
        double[][] d = new double[slotsOf.length][];
        for (int k = 0; k < slotsOf.length; k++) {
            d[k] = new double[slotsOf[k].length];
            for (int i = 0; i < d[k].length; i++) {
                d[k][i] = slotsOf[k][i];
            }
        }
        return d;
    }

    /**
     * Takes a snapshot's state, float64 until {@link #matchPrecision} at the next step.
     *
     * @param s the parameter sizes, null before the first step
     * @param state {@code state[p][slot][element]}, null with {@code s}
     */
    void restore(int[] s, double[][][] state) {
        sizes = s;
        doubles = state;
        floats = state == null ? null : new float[state.length][][];
    }

    /** Drops the state: the next step starts anew. */
    void clear() {
        sizes = null;
        doubles = null;
        floats = null;
    }
}
