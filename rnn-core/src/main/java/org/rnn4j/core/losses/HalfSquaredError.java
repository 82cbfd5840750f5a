package org.rnn4j.core.losses;

import org.rnn4j.api.Loss;

/**
 * {@code half_sse}: half the summed squared error, the tutorial's loss.
 *
 * <pre>
 *   L = sum_i 1/2 (d_i - y_i)^2        dL/dy_i = y_i - d_i
 * </pre>
 */
public final class HalfSquaredError implements Loss {

    /** For {@link java.util.ServiceLoader}. */
    public HalfSquaredError() {
    }

    @Override
    public String name() {
        return "half_sse";
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = y[yOff + i] - d[dOff + i];
            sum += 0.5 * e * e;
            grad[gOff + i] = e;
        }
        return sum;
    }
}
