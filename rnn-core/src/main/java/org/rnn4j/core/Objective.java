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
 */
final class Objective {

    private final Loss loss;
    private final Reduction reduction;
    private double[] gradBuffer = new double[0];
    private Sequence gradOut;

    Objective(Loss loss, Reduction reduction) {
        this.loss = loss;
        this.reduction = reduction;
    }

    /** @return dL/dy of the last {@link #evaluate}, shaped like its output */
    Sequence gradient() {
        return gradOut;
    }

    /**
     * @param y the outputs
     * @param target the targets: the steps and batch of {@code y}, {@code loss.target().width(n)} features
     * @return the reduced loss; dL/dy is then in {@link #gradient()}
     * @throws IllegalArgumentException on a target of the wrong shape, non-finite or invalid for the loss
     */
    double evaluate(Sequence y, Sequence target) {
        loss.target().requireShape(loss.name(), y, target);
        Network.requireFinite("target", target);
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
