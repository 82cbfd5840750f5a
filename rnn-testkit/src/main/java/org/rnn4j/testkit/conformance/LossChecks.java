package org.rnn4j.testkit.conformance;

import static org.rnn4j.testkit.conformance.LossCases.batches;
import static org.rnn4j.testkit.conformance.LossCases.rows;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Sequence;
import org.rnn4j.testkit.gradient.GradientChecker;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Property;

/**
 * The {@link Loss} contract on random rows: outputs in [-3, 3]; targets as the loss's
 * {@link Loss#target()} says: numbers in [-1, 1], random distributions with every entry
 * positive, or class indices uniform in [0, n); and, for the settings of
 * {@link LossSettings#KNOWN} the loss accepts, random valid settings in half of the rows.
 */
public final class LossChecks {

    /** How small the gradient at a perfect prediction must be. */
    static final double ZERO_GRADIENT = 1e-9;
    /** The size of the steps away from a perfect prediction, relative to the case's outputs. */
    static final double NUDGE = 1e-3;

    private LossChecks() {
    }

    /**
     * One row: outputs, targets, the offsets at which they sit in their arrays, and the loss's
     * settings.
     *
     * @param y the outputs
     * @param d the target row ({@code target().width(y.length)} values)
     * @param yOffset where the row starts in the output array
     * @param dOffset where it starts in the target array
     * @param gOffset where it starts in the gradient array
     * @param settings the loss's settings ({@link Loss#configure}), empty for none
     */
    public record Row(double[] y, double[] d, int yOffset, int dOffset, int gOffset, Map<String, String> settings) {

        /** Copies the settings. */
        public Row {
            settings = Map.copyOf(settings);
        }

        /**
         * A row without settings.
         *
         * @param y the outputs
         * @param d the target row
         * @param yOffset where the row starts in the output array
         * @param dOffset where it starts in the target array
         * @param gOffset where it starts in the gradient array
         */
        public Row(double[] y, double[] d, int yOffset, int dOffset, int gOffset) {
            this(y, d, yOffset, dOffset, gOffset, Map.of());
        }

        /** @return {@code "y [..], d [..]; offsets 1, 0, 2"} */
        @Override
        public String toString() {
            return "y " + Arrays.toString(y) + ", d " + Arrays.toString(d) + "; offsets y " + yOffset + ", d " + dOffset
                    + ", grad " + gOffset + (settings.isEmpty() ? "" : "; settings " + new TreeMap<>(settings));
        }
    }

    /**
     * A batch for the default {@link Loss#evaluate(Sequence, Sequence, Sequence)}.
     *
     * @param steps T
     * @param batch B
     * @param features n
     * @param masked whether some rows are padding
     * @param valueSeed the seed of the numbers
     */
    public record Batch(int steps, int batch, int features, boolean masked, long valueSeed) {
        /** @return {@code "T 2, B 3, n 4, padded; values #5"} */
        @Override
        public String toString() {
            return "T " + steps + ", B " + batch + ", n " + features + (masked ? ", padded" : "") + "; values #" + valueSeed;
        }
    }

    /**
     * The gradient {@code evaluate} writes agrees with finite differences of the value it
     * returns; it is written (not added) exactly into its slice of the gradient array; the
     * value is finite; outputs and targets are left alone.
     *
     * @param loss the loss
     * @return the property
     */
    public static Property<Row> gradient(Loss loss) {
        return new Property<>(loss.name() + ": gradient matches finite differences and is written into its slice",
                rows(loss), c -> checkGradient(loss, c));
    }

    /**
     * At a perfect prediction the gradient vanishes and the value is a minimum (no step of
     * size 1e-3 either way along a random direction lowers it). The perfect prediction of
     * targets d is d itself for a regression loss and log d (the logits whose softmax is d)
     * for a loss on distributions; pass another when the loss means something else. A loss on
     * class indices has no finite perfect prediction (cross-entropy reaches 0 only as the
     * logits diverge), so the kit does not run this property for it.
     *
     * @param loss the loss
     * @param perfect the outputs a perfect model gives for targets d
     * @return the property
     */
    public static Property<Row> perfectPrediction(Loss loss, UnaryOperator<double[]> perfect) {
        return new Property<>(loss.name() + ": a perfect prediction has zero gradient and minimal value", rows(loss),
                c -> checkPerfect(loss, perfect, c));
    }

    /**
     * The perfect prediction the kit assumes: log d for distribution targets, d otherwise.
     *
     * @param loss the loss
     * @return the map from targets to outputs
     */
    public static UnaryOperator<double[]> defaultPerfectPrediction(Loss loss) {
        if (loss.target() == Loss.Target.DISTRIBUTION) {
            return d -> Arrays.stream(d).map(Math::log).toArray();
        }
        return double[]::clone;
    }

    /**
     * The batch {@code evaluate} equals the sum of the rows' values over the real rows, each
     * real row's gradient is its row gradient, and padded rows get a zero gradient.
     *
     * @param loss the loss
     * @return the property
     */
    public static Property<Batch> batchSumsRealRows(Loss loss) {
        return new Property<>(loss.name() + ": a batch's loss is the sum over its real rows", batches(),
                c -> checkBatch(loss, c));
    }

    static void checkGradient(Loss plain, Row c) {
        int n = c.y().length;
        Loss loss = LossSettings.configure(plain, c.settings(), n);
        double[] y = embed(c.y(), c.yOffset(), 31.5);
        double[] d = embed(c.d(), c.dOffset(), -17.25);
        double[] yKeep = y.clone();
        double[] dKeep = d.clone();
        double sentinel = 12345.5;
        double[] grad = new double[c.gOffset() + n + 2];
        Arrays.fill(grad, sentinel);
        double value = loss.evaluate(y, c.yOffset(), d, c.dOffset(), grad, c.gOffset(), n);
        if (!Double.isFinite(value)) {
            throw new AssertionError(loss.name() + " returned " + value + "; a loss of finite numbers must be finite");
        }
        for (int i = 0; i < grad.length; i++) {
            if (i < c.gOffset() || i >= c.gOffset() + n) {
                if (grad[i] != sentinel) {
                    throw new AssertionError(loss.name() + " wrote " + grad[i] + " at index " + i
                            + " of the gradient array, outside its slice [" + c.gOffset() + ", " + (c.gOffset() + n) + ")");
                }
            }
        }
        if (!Arrays.equals(y, yKeep) || !Arrays.equals(d, dKeep)) {
            throw new AssertionError(loss.name() + " changed its outputs or targets; it may only write the gradient");
        }
        double[] analytic = Arrays.copyOfRange(grad, c.gOffset(), c.gOffset() + n);
        double[] scratch = new double[grad.length];
        double[] row = Arrays.copyOfRange(y, c.yOffset(), c.yOffset() + n);
        GradientChecker checker = new GradientChecker(Tolerance.DEFAULT);
        Optional<Mismatch> m = checker.firstMismatch("dL/dy", row, analytic, GradientChecker.tensorPosition(n), () -> {
            System.arraycopy(row, 0, y, c.yOffset(), n);
            return loss.evaluate(y, c.yOffset(), d, c.dOffset(), scratch, c.gOffset(), n);
        });
        if (m.isPresent()) {
            throw new GradientMismatchError(loss.name() + " (a gradient prefilled with " + sentinel
                    + " must be overwritten, not added to)", m.get());
        }
    }

    static void checkPerfect(Loss plain, UnaryOperator<double[]> perfect, Row c) {
        int n = c.y().length;
        Loss loss = LossSettings.configure(plain, c.settings(), n);
        double[] best = perfect.apply(c.d().clone());
        double[] grad = new double[n];
        double value = loss.evaluate(best, 0, c.d(), 0, grad, 0, n);
        if (!Double.isFinite(value)) {
            throw new AssertionError(loss.name() + " at the perfect prediction " + Arrays.toString(best) + " is " + value);
        }
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(grad[i]) <= ZERO_GRADIENT)) {
                throw new AssertionError(loss.name() + " at the perfect prediction " + Arrays.toString(best)
                        + " has gradient " + Arrays.toString(grad) + "; element " + i + " is not zero");
            }
        }
        double slack = 1e-12 * Math.max(1, Math.abs(value));
        for (int sign : new int[] {1, -1}) {
            double[] near = best.clone();
            for (int i = 0; i < n; i++) {
                near[i] += sign * NUDGE * c.y()[i];
            }
            double v = loss.evaluate(near, 0, c.d(), 0, new double[n], 0, n);
            if (v < value - slack) {
                throw new AssertionError(loss.name() + " is " + v + " at " + Arrays.toString(near)
                        + ", lower than its value " + value + " at the perfect prediction " + Arrays.toString(best));
            }
        }
    }

    static void checkBatch(Loss loss, Batch c) {
        SplittableRandom r = new SplittableRandom(c.valueSeed());
        int n = c.features();
        Sequence y = Sequence.wrap(c.steps(), c.batch(), n, Values.uniform(r, c.steps() * c.batch() * n, 3));
        Sequence d = Values.targets(r, loss.target(), c.steps(), c.batch(), n);
        int w = d.features();
        if (c.masked()) {
            y = y.withMask(Values.mask(r, c.steps(), c.batch()));
        }
        double[] g = new double[y.data().length];
        Arrays.fill(g, 99.0);
        double total = loss.evaluate(y, d, Sequence.wrap(c.steps(), c.batch(), n, g));
        double expect = 0;
        double[] rowGrad = new double[n];
        for (int row = 0; row < y.rows(); row++) {
            if (y.active(row)) {
                expect += loss.evaluate(y.data(), row * n, d.data(), row * w, rowGrad, 0, n);
            } else {
                Arrays.fill(rowGrad, 0.0);
            }
            for (int i = 0; i < n; i++) {
                if (Math.abs(g[row * n + i] - rowGrad[i]) > LayerChecks.SAME * Math.max(1, Math.abs(rowGrad[i]))) {
                    throw new AssertionError(loss.name() + ": the batch gradient at row " + row + ", feature " + i + " is "
                            + g[row * n + i] + ", expected " + rowGrad[i] + (y.active(row) ? "" : " (a padded row)"));
                }
            }
        }
        if (Math.abs(total - expect) > LayerChecks.SAME * Math.max(1, Math.abs(expect))) {
            throw new AssertionError(loss.name() + ": the batch loss is " + total + ", the sum over its real rows " + expect);
        }
    }

    /** {@code row} at {@code offset} in an array padded with {@code filler} on both sides. */
    private static double[] embed(double[] row, int offset, double filler) {
        double[] a = new double[offset + row.length + 2];
        Arrays.fill(a, filler);
        System.arraycopy(row, 0, a, offset, row.length);
        return a;
    }
}
