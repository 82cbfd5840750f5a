package org.rnn4j.core.losses;

import java.util.Set;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;

/**
 * {@code huber}: the Huber loss (Huber, "Robust Estimation of a Location Parameter", Annals of
 * Mathematical Statistics 35(1), 1964), mean over the n outputs of a row, as
 * torch.nn.HuberLoss(delta) with its default mean reduction when the network also averages over
 * rows: squared near the target, linear beyond {@code delta}.
 *
 * <pre>
 *   e_i = y_i - d_i
 *   l_i = e_i^2 / 2                        if |e_i| &lt; delta
 *       = delta (|e_i| - delta / 2)        otherwise
 *   L = (1/n) sum_i l_i                    dL/dy_i = clamp(e_i, -delta, delta) / n
 * </pre>
 *
 * The setting {@code delta} (default 1, &gt; 0) is PyTorch's. PyTorch's SmoothL1Loss(beta) is
 * this loss with delta = beta divided by beta: {@code huber} with {@code delta=1} is
 * SmoothL1Loss() exactly.
 */
public final class Huber implements Loss {

    private final double delta;

    /** For {@link java.util.ServiceLoader}: delta 1. */
    public Huber() {
        this(1.0);
    }

    private Huber(double delta) {
        this.delta = delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public Loss configure(Options settings, int n) {
        settings.requireOnly(Set.of("delta"));
        double d = settings.number("delta", 1.0, 0, false, Double.POSITIVE_INFINITY, false);
        return d == delta ? this : new Huber(d);
    }

    @Override
    public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = y[yOff + i] - d[dOff + i];
            double a = Math.abs(e);
            if (a < delta) {
                sum += 0.5 * e * e;
                grad[gOff + i] = e / n;
            } else {
                sum += delta * (a - 0.5 * delta);
                grad[gOff + i] = Math.copySign(delta, e) / n;
            }
        }
        return sum / n;
    }
}
