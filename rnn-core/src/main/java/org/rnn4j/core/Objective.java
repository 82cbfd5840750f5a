package org.rnn4j.core;

import org.rnn4j.api.Loss;
import org.rnn4j.api.Sequence;

/**
 * A network's loss over a batch: checks the targets, sums the loss over the real rows and
 * applies the reduction, writing dL/dy (for the reduced loss) into a buffer reused from batch
 * to batch.
 *
 * <pre>
 *   SUM:  L = sum_r l_r                     dL/dy_r = dl_r/dy_r
 *   MEAN: L = sum_r l_r / sum_r w_r         dL/dy_r = (dl_r/dy_r) / sum_r w_r
 * </pre>
 *
 * over the real rows r, with w_r the loss's {@link Loss#weight row weight} (1 unless the loss
 * weights classes, as PyTorch's weighted mean does).
 *
 * <p>Losses compute in float64 and read {@code y.data()}. A float32 network's output is
 * float-backed ({@link Sequence#floats()}), whose {@code data()} would be a new T B V array at
 * every call; so a float-backed output is first widened (exactly) into a double buffer kept here
 * and reused from batch to batch, and the loss reads that: one O(T B V) pass and no allocation per
 * step, and plug-in losses see doubles as they always have.
 */
final class Objective {

    private final Loss loss;
    private final Reduction reduction;
    private double[] gradBuffer = new double[0];
    private Sequence gradOut;
    private double[] wideBuffer = new double[0];
    private Sequence wide;

    Objective(Loss loss, Reduction reduction) {
        this.loss = loss;
        this.reduction = reduction;
    }

    /** @return dL/dy of the last {@link #evaluate}, shaped like its output */
    Sequence gradient() {
        return gradOut;
    }

    /**
     * @param output the outputs (either backing)
     * @param target the targets: the steps and batch of {@code output}, {@code loss.target().width(n)} features
     * @return the reduced loss; dL/dy is then in {@link #gradient()}
     * @throws IllegalArgumentException on a target of the wrong shape, non-finite or invalid for the loss
     */
    double evaluate(Sequence output, Sequence target) {
        Sequence y = output.isFloat() ? widen(output) : output;
        loss.target().requireShape(loss.name(), y, target);
        FiniteValues.require("target", target);
        requireValid(y, target);
        if (gradBuffer.length != y.data().length) {
            gradBuffer = new double[y.data().length];
        }
        Sequence g = gradOut;
        if (g == null || g.data() != gradBuffer || g.mask() != y.mask() || g.steps() != y.steps()
                || g.batch() != y.batch()) {
            g = Sequence.wrap(y.steps(), y.batch(), y.features(), gradBuffer, y.mask());
            gradOut = g;
        }
        double sum = loss.evaluate(y, target, g);
        if (reduction == Reduction.MEAN) {
            double total = totalWeight(y, target);
            double[] gd = g.data();
            for (int i = 0; i < gd.length; i++) {
                gd[i] /= total;
            }
            return sum / total;
        }
        return sum;
    }

    /** @return a double-backed sequence over {@link #wideBuffer} holding y's floats */
    private Sequence widen(Sequence y) {
        float[] f = y.floats();
        if (wideBuffer.length != f.length) {
            wideBuffer = new double[f.length];
        }
        for (int i = 0; i < f.length; i++) {
            wideBuffer[i] = f[i];
        }
        Sequence w = wide;
        if (w == null || w.data() != wideBuffer || w.mask() != y.mask() || w.steps() != y.steps()
                || w.batch() != y.batch()) {
            w = Sequence.wrap(y.steps(), y.batch(), y.features(), wideBuffer, y.mask());
            wide = w;
        }
        return w;
    }

    private double totalWeight(Sequence y, Sequence target) {
        int n = y.features();
        int w = target.features();
        int active = 0;
        double total = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (y.active(r)) {
                active++;
                total += loss.weight(target.data(), r * w, n);
            }
        }
        if (active == 0) {
            throw new IllegalArgumentException("the mask leaves no step of the batch to learn from");
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the real rows of the batch weigh " + total + " in all under loss '"
                    + loss.name() + "'; the mean reduction divides by that weight, so it must be > 0");
        }
        return total;
    }

    private void requireValid(Sequence y, Sequence target) {
        if (loss.target() == Loss.Target.VALUES) {
            return;
        }
        int n = y.features();
        int w = target.features();
        for (int r = 0; r < target.rows(); r++) {
            if (y.active(r)) {
                String problem = loss.target().problem(target.data(), r * w, n);
                if (problem != null) {
                    throw new IllegalArgumentException("loss '" + loss.name() + "' needs "
                            + (loss.target() == Loss.Target.CLASS_INDEX ? "class-index targets" : "targets that are "
                            + "probability distributions") + "; the target of step " + r / y.batch() + ", sequence "
                            + r % y.batch() + " " + problem);
                }
            }
        }
    }
}
