package org.rnn4j.testkit.conformance;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.rnn4j.api.Precision;

/** Element-by-element comparison of a float32 network's numbers with a float64 network's. */
final class Mismatches {

    private Mismatches() {
    }

    /**
     * Throws for the first element where |a32 - a64| exceeds K u S, u float32's unit roundoff.
     *
     * @param what the quantity, for the message
     * @param a32 the float32 network's values
     * @param a64 the float64 network's values
     * @param chain K
     * @param scale S
     * @param position names an element by its index
     * @throws PrecisionMismatchError at the first element out of bounds, or a non-finite one
     */
    static void check(String what, double[] a32, double[] a64, long chain, double scale,
            IntFunction<String> position) {
        double[] scales = new double[a64.length];
        Arrays.fill(scales, scale);
        check(what, a32, a64, chain, scales, position);
    }

    /**
     * {@link #check(String, double[], double[], long, double, IntFunction)} with a scale per element.
     *
     * @param what the quantity, for the message
     * @param a32 the float32 network's values
     * @param a64 the float64 network's values
     * @param chain K
     * @param scales S for each element
     * @param position names an element by its index
     * @throws PrecisionMismatchError at the first element out of bounds, or a non-finite one
     */
    static void check(String what, double[] a32, double[] a64, long chain, double[] scales,
            IntFunction<String> position) {
        if (a32.length != a64.length) {
            throw new AssertionError(what + " has " + a32.length + " elements in float32 but " + a64.length
                    + " in float64");
        }
        for (int i = 0; i < a32.length; i++) {
            double scale = scales[i];
            double allowed = chain * Precision.FLOAT32.unitRoundoff() * scale;
            if (!(Math.abs(a32[i] - a64[i]) <= allowed)) {
                throw new PrecisionMismatchError(what, position.apply(i), a32[i], a64[i], chain, scale, allowed);
            }
        }
    }

    /** @return max |v_i|, 0 for none */
    static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** @return sum |a_i b_i| */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] * b[i]);
        }
        return s;
    }
}
