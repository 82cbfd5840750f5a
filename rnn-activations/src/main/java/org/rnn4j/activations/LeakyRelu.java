package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code leaky_relu}: the leaky rectifier with negative slope 0.01 (A. L. Maas, A. Y. Hannun
 * and A. Y. Ng, "Rectifier Nonlinearities Improve Neural Network Acoustic Models", ICML 2013
 * workshop; 0.01 is also the default of torch.nn.LeakyReLU).
 *
 * <pre>
 *   f(x)  = x for x &gt; 0, 0.01 x for x &lt;= 0
 *   f'(x) = 1 for x &gt; 0, 0.01 for x &lt;= 0
 * </pre>
 *
 * <p>Kink at 0, where the derivative is taken as 0.01, as in PyTorch.
 */
public final class LeakyRelu implements Activation {

    /** The slope for x &lt;= 0. */
    private static final double SLOPE = 0.01;

    /** For {@link java.util.ServiceLoader}. */
    public LeakyRelu() {
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : SLOPE * x;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1.0 : SLOPE;
    }

    @Override
    public double[] kinks() {
        return new double[] {0.0};
    }
}
