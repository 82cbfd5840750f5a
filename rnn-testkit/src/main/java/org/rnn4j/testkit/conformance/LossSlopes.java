package org.rnn4j.testkit.conformance;

import org.rnn4j.api.Loss;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Reduction;

/**
 * The loss's side of a gradient's error ({@link PrecisionChecks}): at the float64 outputs y,
 * G_k = dL/dy_k, and how far G_k can move when every output y_j moves by its own condition
 * kappa_j ({@link OutputConditions}), to first order sum_j |d2L/dy_k dy_j| kappa_j, the second
 * derivatives taken by central differences of the loss's gradient (rows are independent, so
 * j runs over y_k's row). Both are reduced as the network reduces (divided by the rows' total
 * weight under {@link Reduction#MEAN}); padded rows have neither.
 *
 * @param gradient G_k per output element
 * @param curvature sum_j |d2L/dy_k dy_j| kappa_j per output element
 */
record LossSlopes(double[] gradient, double[] curvature) {

    /** Relative step of the central differences of the loss's gradient. */
    static final double STEP = 1e-5;

    /**
     * @param loss the configured loss
     * @param reduction the network's reduction
     * @param y the float64 outputs
     * @param target the targets
     * @param kappa the outputs' conditions
     * @return the slopes
     */
    static LossSlopes of(Loss loss, Reduction reduction, Sequence y, Sequence target, double[] kappa) {
        int m = y.features();
        int w = target.features();
        double[] g = new double[y.data().length];
        double[] curvature = new double[g.length];
        double[] row = new double[m];
        double[] up = new double[m];
        double[] down = new double[m];
        double total = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (!y.active(r)) {
                continue;
            }
            total += loss.weight(target.data(), r * w, m);
            System.arraycopy(y.data(), r * m, row, 0, m);
            loss.evaluate(row, 0, target.data(), r * w, g, r * m, m);
            for (int j = 0; j < m; j++) {
                double yj = row[j];
                double h = STEP * Math.max(1, Math.abs(yj));
                row[j] = yj + h;
                double hi = row[j];
                loss.evaluate(row, 0, target.data(), r * w, up, 0, m);
                row[j] = yj - h;
                double lo = row[j];
                loss.evaluate(row, 0, target.data(), r * w, down, 0, m);
                row[j] = yj;
                for (int k = 0; k < m; k++) {
                    curvature[r * m + k] += Math.abs((up[k] - down[k]) / (hi - lo)) * kappa[r * m + j];
                }
            }
        }
        if (reduction == Reduction.MEAN && total > 0) {
            for (int i = 0; i < g.length; i++) {
                g[i] /= total;
                curvature[i] /= total;
            }
        }
        return new LossSlopes(g, curvature);
    }
}
