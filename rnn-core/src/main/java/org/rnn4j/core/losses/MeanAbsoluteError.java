package org.rnn4j.core.losses;

import org.rnn4j.api.Loss;

/**
 * {@code mae}: the mean absolute error (L1) over the n outputs of a row, as torch.nn.L1Loss
 * with its default mean reduction when the network also averages over rows.
 *
 * <pre>
 *   L = (1/n) sum_i |y_i - d_i|        dL/dy_i = sign(y_i - d_i) / n      (sign(0) = 0, as PyTorch)
 * </pre>
 */
public final class MeanAbsoluteError implements Loss {

    /** For {@link java.util.ServiceLoader}. */
    public MeanAbsoluteError() {
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = y[yOff + i] - d[dOff + i];
            sum += Math.abs(e);
            grad[gOff + i] = Math.signum(e) / n;
        }
        return sum / n;
    }
}
