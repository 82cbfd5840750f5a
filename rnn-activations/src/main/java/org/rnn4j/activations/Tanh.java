package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code tanh}: the hyperbolic tangent, the usual cell and output non-linearity of recurrent
 * networks (see Y. LeCun, L. Bottou, G. Orr and K.-R. M&uuml;ller, "Efficient BackProp", 1998,
 * and X. Glorot and Y. Bengio, AISTATS 2010).
 *
 * <pre>
 *   f(x)  = tanh(x) = (e^x - e^-x) / (e^x + e^-x)
 *   f'(x) = 1 - f(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2
 * </pre>
 *
 * <p>f is {@link Math#tanh}. The derivative uses (1 - y)(1 + y) for |x| &lt;= 2, where it keeps
 * about 14 correct digits, and the e^-2|x| form beyond, which cannot overflow and gives the
 * true 7.2e-35 at |x| = 40 where 1 - y^2 would give 0.
 */
public final class Tanh implements Activation {

    /** Below this |x| the derivative (1 - y)(1 + y) is accurate to about 1e-14 relative. */
    private static final double FROM_Y_LIMIT = 2.0;

    /** For {@link java.util.ServiceLoader}. */
    public Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return slope(x, y);
    }

    @Override
    public void apply(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.tanh(x[i]);
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            grad[i] *= slope(x[i], y[i]);
        }
    }

    private static double slope(double x, double y) {
        if (Math.abs(x) <= FROM_Y_LIMIT) {
            return (1.0 - y) * (1.0 + y);
        }
        double e = Math.exp(-2.0 * Math.abs(x));
        double d = 1.0 + e;
        return 4.0 * e / (d * d);
    }
}
