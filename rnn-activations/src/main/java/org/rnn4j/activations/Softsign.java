package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code softsign}: a tanh-like squashing function with polynomial rather than exponential
 * tails (X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
 * neural networks", AISTATS 2010).
 *
 * <pre>
 *   f(x)  = x / (1 + |x|)
 *   f'(x) = 1 / (1 + |x|)^2
 * </pre>
 *
 * <p>The derivative is computed from x; (1 - |y|)^2 would lose digits for large |x|.
 */
public final class Softsign implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Softsign() {
    }

    @Override
    public String name() {
        return "softsign";
    }

    @Override
    public double apply(double x) {
        return x / (1.0 + Math.abs(x));
    }

    @Override
    public double derivative(double x, double y) {
        double d = 1.0 + Math.abs(x);
        return 1.0 / (d * d);
    }
}
