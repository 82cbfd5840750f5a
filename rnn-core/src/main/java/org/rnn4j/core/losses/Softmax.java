package org.rnn4j.core.losses;

/**
 * The numerically safe parts of a softmax that the cross-entropy losses share: with m = max_i y_i,
 * softmax(y)_i = exp(y_i - m) / sum_j exp(y_j - m) and log sum_j exp(y_j) = m + log sum_j exp(y_j - m),
 * so no exponential overflows.
 */
final class Softmax {

    private Softmax() {
    }

    /**
     * @param y the logits
     * @param off where the row starts
     * @param n the row length
     * @return max_i y[off + i]
     */
    static double max(double[] y, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, y[off + i]);
        }
        return max;
    }

    /**
     * Writes exp(y_i - max) into {@code e} and sums them, in index order.
     *
     * @param y the logits
     * @param yOff where the row starts in {@code y}
     * @param max {@link #max} of the row
     * @param e destination of the shifted exponentials
     * @param eOff where the row starts in {@code e}
     * @param n the row length
     * @return sum_i exp(y_i - max)
     */
    static double shiftedExp(double[] y, int yOff, double max, double[] e, int eOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.exp(y[yOff + i] - max);
            e[eOff + i] = v;
            sum += v;
        }
        return sum;
    }
}
