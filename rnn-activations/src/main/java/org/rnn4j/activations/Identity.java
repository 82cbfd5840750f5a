package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code identity}: no non-linearity, for linear output layers (regression).
 *
 * <pre>
 *   f(x) = x      f'(x) = 1
 * </pre>
 */
public final class Identity implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Identity() {
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public double apply(double x) {
        return x;
    }

    @Override
    public double derivative(double x, double y) {
        return 1.0;
    }
}
