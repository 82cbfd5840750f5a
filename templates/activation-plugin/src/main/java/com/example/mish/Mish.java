package com.example.mish;

import org.rnn4j.api.Activation;

/**
 * {@code mish}: x tanh(softplus(x)) (D. Misra, "Mish: A Self Regularized Non-Monotonic
 * Activation Function", arXiv:1908.08681, 2019; torch.nn.Mish).
 *
 * <pre>
 *   sp(x) = ln(1 + e^x),  t = tanh(sp(x)),  s = 1 / (1 + e^-x)
 *   f(x)  = x t
 *   f'(x) = t + x (1 - t^2) s
 * </pre>
 *
 * <p>softplus and the sigmoid go through e^-|x|, which never overflows: f(-800) is -0.0 and
 * f'(800) is 1, not NaN.
 */
public final class Mish implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Mish() {
    }

    @Override
    public String name() {
        return "mish";
    }

    @Override
    public double apply(double x) {
        return x * Math.tanh(softplus(x));
    }

    @Override
    public double derivative(double x, double y) {
        double t = Math.tanh(softplus(x));
        return t + x * (1 - t * t) * sigmoid(x);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
