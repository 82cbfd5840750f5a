package org.rnn4j.core.losses;

import org.rnn4j.api.Loss;

/**
 * {@code mse}: the mean squared error over the n outputs of a row, as torch.nn.MSELoss with
 * its default mean reduction when the network also averages over rows.
 *
 * <pre>
 *   L = (1/n) sum_i (y_i - d_i)^2      dL/dy_i = 2 (y_i - d_i) / n
 * </pre>
 */
public final class MeanSquaredError implements Loss {

    /** For {@link java.util.ServiceLoader}. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = y[yOff + i] - d[dOff + i];
            sum += e * e;
            grad[gOff + i] = 2 * e / n;
        }
        return sum / n;
    }
}
