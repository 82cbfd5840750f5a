package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code relu}: the rectified linear unit (V. Nair and G. E. Hinton, "Rectified Linear Units
 * Improve Restricted Boltzmann Machines", ICML 2010).
 *
 * <pre>
 *   f(x)  = max(0, x)
 *   f'(x) = 1 for x &gt; 0, 0 for x &lt;= 0
 * </pre>
 *
 * <p>Kink at 0, where the derivative is taken as 0, as in PyTorch.
 */
public final class Relu implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Relu() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : 0.0;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public double[] kinks() {
        return new double[] {0.0};
    }
}
