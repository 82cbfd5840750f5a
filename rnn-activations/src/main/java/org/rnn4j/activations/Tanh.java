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

    /** Below this |x| the float32 loop returns x (2^-12; see {@link #apply(float[], float[], int, int)}). */
    static final double FLOAT_LINEAR_LIMIT = 0x1p-12;

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

    /**
     * The float32 loop, one predictable branch per element: tanh(x) = (1 - t) / (1 + t), t = e^-2|x|,
     * in double, rounded to float; below |x| = 2^-12, x itself. Float needs no series near 0: the
     * cancellation in 1 - t costs a relative 1.1e-16 / (1 - t) <= 4.6e-13 for |x| >= 2^-12, and
     * x differs from tanh(x) by x^3/3, a relative 2e-8 there, under float's unit roundoff 6e-8;
     * so the result is within one float ulp of the exact tanh, as the kit's float32 check
     * requires of an override. The float64 series and its branch at |x| = 1/4 sat on random
     * pre-activations and, once C2 recompiled the loop for both sides, made a float32 forward
     * slower than a float64 one.
     */
    @Override
    public void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double a = Math.abs(v);
            if (a < FLOAT_LINEAR_LIMIT) {
                y[i] = x[i];
            } else {
                double t = Math.exp(-2.0 * a);
                y[i] = (float) Math.copySign((1.0 - t) / (1.0 + t), v);
            }
        }
    }

    /**
     * The float32 loop, branch-free: f'(x) = (1 - y)(1 + y) from the float y, in double, rounded
     * to float. Where y is near 1 this loses the relative accuracy the float64 path keeps with
     * e^-2|x| (y carries float's absolute error of up to 6e-8, so f' is within 1.2e-7 absolute
     * of the exact one), which the kit's float32 check allows: 8u max(1, |x|, |f|) max(1, |f'|)
     * absolute, at least 4.8e-7.
     */
    @Override
    public void backward(float[] x, float[] y, float[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = y[i];
            grad[i] = (float) (grad[i] * ((1.0 - v) * (1.0 + v)));
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
