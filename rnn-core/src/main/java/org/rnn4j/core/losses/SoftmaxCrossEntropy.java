package org.rnn4j.core.losses;

import org.rnn4j.api.Loss;

/**
 * {@code softmax_cross_entropy}: softmax and cross-entropy fused, on raw scores (logits), as
 * torch.nn.CrossEntropyLoss with probability targets.
 *
 * <pre>
 *   p_i = exp(y_i - m) / sum_j exp(y_j - m)        m = max_j y_j (log-sum-exp, stable)
 *   L   = -sum_i d_i log p_i = sum_i d_i (lse(y) - y_i)
 *   dL/dy_i = p_i * sum_j d_j - d_i  (= p_i - d_i for a distribution d)
 * </pre>
 *
 * The fused gradient never divides by p, so it stays finite for any finite logits
 * (Bridle, "Probabilistic Interpretation of Feedforward Classification Network Outputs",
 * 1990).
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** For {@link java.util.ServiceLoader}. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public boolean targetsAreDistributions() {
        return true;
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        double max = Softmax.max(y, yOff, n);
        double sumExp = Softmax.shiftedExp(y, yOff, max, grad, gOff, n);
        double lse = max + Math.log(sumExp);
        double sumD = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double di = d[dOff + i];
            sumD += di;
            if (di != 0) {
                loss += di * (lse - y[yOff + i]);
            }
        }
        for (int i = 0; i < n; i++) {
            grad[gOff + i] = grad[gOff + i] / sumExp * sumD - d[dOff + i];
        }
        return loss;
    }
}
