package org.rnn4j.api;

import java.util.Arrays;

/**
 * A loss on one output vector, found by {@link java.util.ServiceLoader} and chosen by
 * {@link #name()}.
 *
 * <p>{@link #evaluate} gives the loss of one row (one sequence at one time step) and its
 * gradient; the network sums the rows of a batch, skips masked-out rows, and applies its
 * reduction (sum or mean). Implementations are stateless and have a public no-argument
 * constructor.
 */
public interface Loss {

    /**
     * The name a user chooses this loss by, lower case ({@code "softmax_cross_entropy"}).
     *
     * @return the name
     */
    String name();

    /**
     * The loss of output {@code y[yOff..yOff+n)} against target {@code d[dOff..dOff+n)}, and
     * its gradient dL/dy written (not added) into {@code grad[gOff..gOff+n)}.
     *
     * @param y the network's output row
     * @param yOff offset of the row in {@code y}
     * @param d the target row
     * @param dOff offset of the row in {@code d}
     * @param grad destination of dL/dy
     * @param gOff offset of the row in {@code grad}
     * @param n the row length
     * @return the loss of this row
     */
    double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n);

    /**
     * Whether a target row must be a probability distribution (non-negative, summing to 1),
     * as for cross-entropy. Inputs are validated against this before training.
     *
     * @return true if targets must be distributions
     */
    default boolean targetsAreDistributions() {
        return false;
    }

    /**
     * The loss of a whole batch: the sum of {@link #evaluate} over the rows that the mask of
     * {@code y} keeps, with dL/dy written into {@code grad} (zero on masked-out rows).
     *
     * @param y outputs
     * @param d targets, same shape
     * @param grad destination, same shape
     * @return the summed loss
     */
    default double evaluate(Sequence y, Sequence d, Sequence grad) {
        Sequence.requireSameShape("target", y, d);
        Sequence.requireSameShape("gradient", y, grad);
        int n = y.features();
        double total = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (y.active(r)) {
                total += evaluate(y.data(), r * n, d.data(), r * n, grad.data(), r * n, n);
            } else {
                Arrays.fill(grad.data(), r * n, r * n + n, 0.0);
            }
        }
        return total;
    }
}
