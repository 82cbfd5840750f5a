package org.rnn4j.optim;

/**
 * The scratch buffers of an optimizer, {@link AbstractOptimizer#CHUNK} elements long, allocated
 * with it: the values and the state slots that the check pass of
 * {@link AbstractOptimizer#stepIfFinite} computes into, and where a chunk of a float32 parameter
 * is stepped in {@code double}: {@link #widen} copies the floats (values, gradient, state) in,
 * exactly, and {@link #narrow} rounds the results back to float (to nearest).
 */
final class Chunk {

    /** The values of a chunk. */
    final double[] theta;
    /** The state of a chunk: one array a slot. */
    final double[][] state;
    /** A float32 parameter's gradient chunk, widened; made at the first {@link #widen}. */
    private double[] grad;

    /** @param slots how many state arrays each parameter has */
    Chunk(int slots) {
        theta = new double[AbstractOptimizer.CHUNK];
        state = new double[slots][AbstractOptimizer.CHUNK];
    }

    /** The gradient buffer that {@link #widen} filled. */
    double[] grad() {
        return grad;
    }

    /**
     * Widens elements {@code from .. from + n - 1} of a float32 parameter's values, gradient and
     * state into the buffers' first n positions, exactly.
     */
    void widen(float[] fromTheta, float[] fromGrad, float[][] fromState, int from, int n) {
        if (grad == null) {
            grad = new double[AbstractOptimizer.CHUNK];
        }
        double[] t = theta;
        double[] g = grad;
        for (int i = 0; i < n; i++) {
            t[i] = fromTheta[from + i];
            g[i] = fromGrad[from + i];
        }
        for (int k = 0; k < fromState.length; k++) {
            float[] st = fromState[k];
            double[] s = state[k];
            for (int i = 0; i < n; i++) {
                s[i] = st[from + i];
            }
        }
    }

    /**
     * Rounds the buffers' first n values and state to float into elements
     * {@code from .. from + n - 1} of a float32 parameter's values and state.
     */
    void narrow(float[] toTheta, float[][] toState, int from, int n) {
        double[] t = theta;
        for (int i = 0; i < n; i++) {
            toTheta[from + i] = (float) t[i];
        }
        for (int k = 0; k < toState.length; k++) {
            float[] st = toState[k];
            double[] s = state[k];
            for (int i = 0; i < n; i++) {
                st[from + i] = (float) s[i];
            }
        }
    }

    /** Rounds the first n numbers of the buffers to float: what a float32 step would store. */
    void roundToFloat(int n) {
        double[] t = theta;
        for (int i = 0; i < n; i++) {
            t[i] = (float) t[i];
        }
        for (double[] st : state) {
            for (int i = 0; i < n; i++) {
                st[i] = (float) st[i];
            }
        }
    }

    /** The index of the first NaN or infinity among a's first n numbers, or -1. */
    static int firstNonFinite(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
