package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code sigmoid}: the logistic function, the classic gate non-linearity of LSTM and GRU cells
 * (see X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
 * neural networks", AISTATS 2010).
 *
 * <pre>
 *   f(x)  = 1 / (1 + e^-x)
 *   f'(x) = f(x) (1 - f(x)) = e^-|x| / (1 + e^-|x|)^2
 * </pre>
 *
 * <p>Both are evaluated through e^-|x|, which never overflows: f(-800) is 0 (the true value
 * is below the smallest double), never NaN. The derivative uses y (1 - y) for |x| &lt;= 4,
 * where 1 - y keeps at least 14 correct digits, and the e^-|x| form beyond, so that f'(40)
 * is the true 4.25e-18 rather than the 0 that 1 - y gives once y has rounded to 1.
 */
public final class Sigmoid implements Activation {

    /** Below this |x| the derivative y (1 - y) is accurate to about 1e-14 relative. */
    private static final double FROM_Y_LIMIT = 4.0;

    /** For {@link java.util.ServiceLoader}. */
    public Sigmoid() {
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double apply(double x) {
        return sigmoid(x);
    }

    @Override
    public double derivative(double x, double y) {
        return slope(x, y);
    }

    @Override
    public void apply(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            grad[i] *= slope(x[i], y[i]);
        }
    }

    /** The float32 loop: the float64 function rounded to float, as the default, without a call per element. */
    @Override
    public void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) sigmoid(x[i]);
        }
    }

    /** The float32 loop: each product rounded to float, as the default, without a call per element. */
    @Override
    public void backward(float[] x, float[] y, float[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            grad[i] = (float) (grad[i] * slope(x[i], y[i]));
        }
    }

    /**
     * The logistic function, without overflow for any x.
     *
     * @param x the argument
     * @return 1 / (1 + e^-x)
     */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    private static double slope(double x, double y) {
        if (Math.abs(x) <= FROM_Y_LIMIT) {
            return y * (1.0 - y);
        }
        double e = Math.exp(-Math.abs(x));
        double d = 1.0 + e;
        return e / (d * d);
    }
}
