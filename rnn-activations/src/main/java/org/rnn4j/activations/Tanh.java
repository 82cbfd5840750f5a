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
 * <p>f is computed from the {@link Math#exp} intrinsic, as (1 - t) / (1 + t) with t = e^-2|x|
 * (never overflows; 1 - t is exact for t &gt;= 1/2), and below |x| = 1/4, where that form
 * would lose digits to cancellation, from its Taylor series up to x^21 (truncation error below
 * 1e-17 relative there). Both stay within 3 ulps of {@link Math#tanh} (fdlibm), which costs
 * about five times as much on Java 17, a call into native code per element. The derivative
 * uses (1 - y)(1 + y) for |x| &lt;= 2, where it keeps about 14 correct digits, and the
 * e^-2|x| form beyond, which cannot overflow and gives the true 7.2e-35 at |x| = 40 where
 * 1 - y^2 would give 0.
 */
public final class Tanh implements Activation {

    /** Below this |x| the derivative (1 - y)(1 + y) is accurate to about 1e-14 relative. */
    private static final double FROM_Y_LIMIT = 2.0;

    /** Below this |x| f comes from its Taylor series, above from e^-2|x|. */
    static final double SERIES_LIMIT = 0.25;

    /** For {@link java.util.ServiceLoader}. */
    public Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return slope(x, y);
    }

    @Override
    public void apply(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = tanh(x[i]);
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
            y[i] = (float) tanh(x[i]);
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
     * tanh(x) within 3 ulps. The series coefficients are 2^2n (2^2n - 1) B_2n / (2n)! with the
     * Bernoulli numbers B_2n (Abramowitz and Stegun 4.5.64), as exact fractions.
     *
     * @param x any double
     * @return tanh(x), with tanh(-0) = -0 and NaN for NaN
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < SERIES_LIMIT) {
            double x2 = x * x;
            double p = 18888466084.0 / 194896477400625.0;
            p = p * x2 - 443861162.0 / 1856156927625.0;
            p = p * x2 + 6404582.0 / 10854718875.0;
            p = p * x2 - 929569.0 / 638512875.0;
            p = p * x2 + 21844.0 / 6081075.0;
            p = p * x2 - 1382.0 / 155925.0;
            p = p * x2 + 62.0 / 2835.0;
            p = p * x2 - 17.0 / 315.0;
            p = p * x2 + 2.0 / 15.0;
            p = p * x2 - 1.0 / 3.0;
            // x + (+0) would turn -0 into +0: give zeros back as they came
            return x == 0 ? x : x + x * x2 * p;
        }
        double t = Math.exp(-2.0 * ax);
        return Math.copySign((1.0 - t) / (1.0 + t), x);
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
