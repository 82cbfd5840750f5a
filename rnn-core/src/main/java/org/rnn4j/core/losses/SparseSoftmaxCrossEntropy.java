package org.rnn4j.core.losses;

import java.util.Set;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;

/**
 * {@code sparse_softmax_cross_entropy}: softmax and cross-entropy fused, on raw scores (logits),
 * against a class index: torch.nn.CrossEntropyLoss with index targets. The target row is one
 * number, the class c in [0, n); no one-hot row is needed.
 *
 * <pre>
 *   p_i = exp(y_i - m) / sum_j exp(y_j - m)      m = max_j y_j (log-sum-exp, stable)
 *   L   = w_c (lse(y) - y_c) = -w_c log p_c
 *   dL/dy_i = w_c (p_i - [i = c])
 * </pre>
 *
 * The setting {@code weight} gives one non-negative weight per class, comma-separated
 * ({@code weight=1,2.5,0.5}), as PyTorch's {@code weight}; without it every w_c is 1. Under the
 * mean reduction the network divides by the summed weights of the real rows' classes,
 * {@code sum w_c}, not by the number of rows ({@link #weight}), exactly as PyTorch does.
 */
public final class SparseSoftmaxCrossEntropy implements Loss {

    private final double[] classWeights;

    /** For {@link java.util.ServiceLoader}: every class weighs 1. */
    public SparseSoftmaxCrossEntropy() {
        this(null);
    }

    private SparseSoftmaxCrossEntropy(double[] classWeights) {
        this.classWeights = classWeights;
    }

    @Override
    public String name() {
        return "sparse_softmax_cross_entropy";
    }

    @Override
    public Target target() {
        return Target.CLASS_INDEX;
    }

    @Override
    public Loss configure(Options settings, int n) {
        settings.requireOnly(Set.of("weight"));
        String raw = settings.string("weight", null);
        if (raw == null) {
            return this;
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != n) {
            throw new IllegalArgumentException(settings.owner() + ": weight needs one number per class, " + n
                    + " for " + n + " outputs, got " + parts.length + " ('" + raw + "')");
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                w[i] = Double.NaN;
            }
            if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(settings.owner() + ": weight " + i + " is '" + parts[i].trim()
                        + "'; a class weight is a finite number >= 0");
            }
        }
        return new SparseSoftmaxCrossEntropy(w);
    }

    @Override
    public double weight(double[] d, int dOff, int n) {
        return classWeights == null ? 1.0 : classWeights[(int) d[dOff]];
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        int c = (int) d[dOff];
        double w = weight(d, dOff, n);
        double max = Softmax.max(y, yOff, n);
        double sumExp = Softmax.shiftedExp(y, yOff, max, grad, gOff, n);
        for (int i = 0; i < n; i++) {
            grad[gOff + i] = w * (grad[gOff + i] / sumExp);
        }
        grad[gOff + c] -= w;
        return w * (max + Math.log(sumExp) - y[yOff + c]);
    }
}
