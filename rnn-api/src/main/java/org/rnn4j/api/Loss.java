package org.rnn4j.api;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A loss on one output vector, found by {@link java.util.ServiceLoader} and chosen by
 * {@link #name()}.
 *
 * <p>{@link #evaluate} gives the loss of one row (one sequence at one time step, or one
 * sequence under a sequence head) and its gradient; the network sums the rows of a batch, skips
 * masked-out rows, and applies its reduction (sum, or mean: the sum divided by the summed
 * {@link #weight row weights}, 1 per row unless the loss says otherwise). Implementations are
 * stateless and have a public no-argument constructor.
 *
 * <h2>Targets</h2>
 * {@link #target()} says what a target row holds: numbers or a probability distribution as wide
 * as the output row, or one class index (a target row of width 1 for an output row of n
 * scores). Everything else follows from it: the target's shape ({@link Target#width}), the
 * checks the network makes before training ({@link Target#problem}), and the targets the test
 * kit draws. A loss written before {@link #target()} existed keeps working unchanged: the
 * default derives it from {@link #targetsAreDistributions()}.
 *
 * <h2>Settings</h2>
 * A loss with settings (class weights, a threshold) overrides {@link #configure}, which returns
 * a new instance holding them; the instance the registry holds stays the plain, setting-free
 * one.
 */
public interface Loss {

    /**
     * The name a user chooses this loss by, lower case ({@code "softmax_cross_entropy"}).
     *
     * @return the name
     */
    String name();

    /**
     * The loss of output {@code y[yOff..yOff+n)} against the target row at {@code d[dOff..)}
     * ({@code target().width(n)} values: n, or 1 for a class index), and its gradient dL/dy
     * written (not added) into {@code grad[gOff..gOff+n)}.
     *
     * @param y the network's output row
     * @param yOff offset of the row in {@code y}
     * @param d the target row, valid for {@link #target()} ({@link Target#problem} found nothing)
     * @param dOff offset of the row in {@code d}
     * @param grad destination of dL/dy
     * @param gOff offset of the row in {@code grad}
     * @param n the output row's length
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
     * What a target row holds. The default says {@link Target#DISTRIBUTION} when
     * {@link #targetsAreDistributions()}, else {@link Target#VALUES}; a loss on class indices
     * overrides it.
     *
     * @return the kind of target
     */
    default Target target() {
        return targetsAreDistributions() ? Target.DISTRIBUTION : Target.VALUES;
    }

    /**
     * The weight of a row in the mean reduction: the network divides the summed loss by the
     * sum of the real rows' weights. The default is 1 (the mean over rows). A class-weighted
     * loss returns its weight of the row's class, as PyTorch's
     * {@code CrossEntropyLoss(weight=w, reduction='mean')} divides by {@code sum w[target]}.
     *
     * @param d the target row
     * @param dOff its offset
     * @param n the output row's length
     * @return the row's weight, {@code >= 0}
     */
    default double weight(double[] d, int dOff, int n) {
        return 1.0;
    }

    /**
     * This loss with settings, for outputs of {@code n} values per row. The default accepts
     * no setting and returns {@code this}; a loss with settings returns a new instance holding
     * them (and checks them against {@code n}, for example one class weight per output).
     *
     * @param settings the user's settings, by name
     * @param n the output row's length
     * @return the configured loss, of the same name
     * @throws IllegalArgumentException on an unknown or invalid setting, naming it and what is
     *     allowed
     */
    default Loss configure(Options settings, int n) {
        if (!settings.asMap().isEmpty()) {
            throw new IllegalArgumentException(settings.owner() + " takes no settings, got "
                    + String.join(", ", new TreeSet<>(settings.asMap().keySet())));
        }
        return this;
    }

    /**
     * The loss of a whole batch: the sum of {@link #evaluate} over the rows that the mask of
     * {@code y} keeps, with dL/dy written into {@code grad} (zero on masked-out rows).
     *
     * @param y outputs
     * @param d targets, the steps and batch of {@code y}, {@code target().width(n)} features
     * @param grad destination, same shape as {@code y}, double-backed (its {@link Sequence#data()}
     *     is written)
     * @return the summed loss
     * @throws IllegalArgumentException if a shape does not fit, or grad is float-backed (writes
     *     into the float64 copy its data() gives would be lost)
     */
    default double evaluate(Sequence y, Sequence d, Sequence grad) {
        target().requireShape(name(), y, d);
        Sequence.requireSameShape("gradient", y, grad);
        if (grad.isFloat()) {
            throw new IllegalArgumentException("loss '" + name() + "' writes dL/dy into a double-backed sequence, "
                    + "got a float-backed one");
        }
        int n = y.features();
        int w = d.features();
        double[] outputs = y.data(); // once: of a float-backed sequence, each call is a copy
        double[] targets = d.data();
        double[] g = grad.data();
        double total = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (y.active(r)) {
                total += evaluate(outputs, r * n, targets, r * w, g, r * n, n);
            } else {
                Arrays.fill(g, r * n, r * n + n, 0.0);
            }
        }
        return total;
    }

    /** What a loss's target row holds, and so its width and what makes it valid. */
    enum Target {
        /** Any finite numbers, as many as the outputs (regression: mse, mae, huber). */
        VALUES,
        /** A probability distribution over the outputs: non-negative, summing to 1 (a one-hot row included). */
        DISTRIBUTION,
        /** One class index in [0, n) for n outputs (the scores of n classes): a row of width 1. */
        CLASS_INDEX;

        /**
         * @param n the output row's length
         * @return the target row's length: 1 for a class index, else n
         */
        public int width(int n) {
            return this == CLASS_INDEX ? 1 : n;
        }

        /**
         * What is wrong with a target row, if anything (finiteness is checked elsewhere).
         *
         * @param d the target row
         * @param off its offset
         * @param n the output row's length
         * @return a phrase such as {@code "holds class index 4.5; a class index is a whole number in [0, 3)"},
         *     or null when the row is valid
         */
        public String problem(double[] d, int off, int n) {
            switch (this) {
                case CLASS_INDEX -> {
                    double c = d[off];
                    if (!(c >= 0 && c < n && c == Math.rint(c))) {
                        return "holds class index " + c + "; a class index is a whole number in [0, " + n + ")";
                    }
                }
                case DISTRIBUTION -> {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        if (d[off + i] < 0) {
                            return "has a negative value " + d[off + i] + "; a probability distribution has none";
                        }
                        s += d[off + i];
                    }
                    if (Math.abs(s - 1) > 1e-9) {
                        return "sums to " + s + "; a probability distribution sums to 1";
                    }
                }
                default -> {
                    // any finite numbers
                }
            }
            return null;
        }

        /**
         * Checks that targets {@code d} fit outputs {@code y}: the same steps and batch, and
         * {@link #width} of the output's features.
         *
         * @param loss the loss's name, for the message
         * @param y the outputs
         * @param d the targets
         * @throws IllegalArgumentException naming both shapes and what the loss takes
         */
        public void requireShape(String loss, Sequence y, Sequence d) {
            int w = width(y.features());
            if (d.steps() != y.steps() || d.batch() != y.batch() || d.features() != w) {
                throw new IllegalArgumentException("the target has shape " + d.shape() + " but the output has shape "
                        + y.shape() + (this == CLASS_INDEX ? "; loss '" + loss + "' takes one class index per row ("
                        + y.steps() + " x " + y.batch() + " x 1)" : ""));
            }
        }
    }
}
