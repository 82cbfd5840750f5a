package org.rnn4j.examples.plugin;

import org.rnn4j.api.Activation;

/**
 * {@code swish}: x times its own sigmoid (P. Ramachandran, B. Zoph and Q. V. Le, "Searching for
 * Activation Functions", arXiv:1710.05941, 2017; the same function as the SiLU of S. Elfwing,
 * E. Uchibe and K. Doya, 2017, and torch.nn.SiLU).
 *
 * <pre>
 *   s(x)  = 1 / (1 + e^-x)
 *   f(x)  = x s(x)
 *   f'(x) = s(x) + x s(x) (1 - s(x)) = s + y (1 - s)
 * </pre>
 *
 * <p>Smooth (no kinks) and not monotone: f has its minimum, about -0.278, at x = -1.278, where f'
 * changes sign. s is evaluated through e^-|x|, which never overflows, so f(-800) is -0.0 and
 * f'(800) is 1, not NaN.
 */
public final class Swish implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Swish() {
    }

    @Override
    public String name() {
        return "swish";
    }

    @Override
    public double apply(double x) {
        return x * sigmoid(x);
    }

    @Override
    public double derivative(double x, double y) {
        double s = sigmoid(x);
        return s + y * (1 - s);
    }

    private static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
