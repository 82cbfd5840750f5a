package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code hard_sigmoid}: a piecewise-linear approximation of the sigmoid, defined as PyTorch's
 * torch.nn.Hardsigmoid.
 *
 * <pre>
 *   f(x)  = 0 for x &lt;= -3,  x / 6 + 1/2 for -3 &lt; x &lt; 3,  1 for x &gt;= 3
 *   f'(x) = 1/6 for -3 &lt; x &lt; 3, 0 otherwise
 * </pre>
 *
 * <p>Kinks at -3 and 3, where the derivative is taken as 0, as in PyTorch.
 */
public final class HardSigmoid implements Activation {

    /** The half-width of the linear part. */
    private static final double EDGE = 3.0;

    /** For {@link java.util.ServiceLoader}. */
    public HardSigmoid() {
    }

    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public double apply(double x) {
        if (x <= -EDGE) {
            return 0.0;
        }
        if (x >= EDGE) {
            return 1.0;
        }
        return x / 6.0 + 0.5;
    }

    @Override
    public double derivative(double x, double y) {
        return x > -EDGE && x < EDGE ? 1.0 / 6.0 : 0.0;
    }

    @Override
    public double[] kinks() {
        return new double[] {-EDGE, EDGE};
    }
}
