package org.rnn4j.testkit.conformance;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Precision;
import org.rnn4j.testkit.property.Property;

/**
 * An {@link Activation} in float32 networks: its {@code float[]} bulk methods agree with its
 * scalar float64 methods rounded to float, across the same random arguments as the float64
 * checks ({@link ActivationChecks}), the kinks and the floats next to them included.
 *
 * <h2>The reference and the bound</h2>
 * For a float argument x the reference output is r = (float) f(x), the scalar {@code apply}
 * rounded once; the reference gradient, for an upstream float g and the reference output r as
 * y, is (float) (g f'(x, r)). The interface's default methods compute exactly these, so a plug-in
 * that overrides nothing agrees to the last bit. An override that computes in float (for speed)
 * makes errors of its own, and the check allows
 * <pre>
 *   |out - ref| &lt;= 4 ulp(ref) + 8 u M,   u = 2^-24 ({@link Precision#unitRoundoff()})
 * </pre>
 * <ul>
 *   <li>4 ulp(ref), relative, between 4u|ref| and 8u|ref|: the final rounding of the override
 *       (half an ulp), the reference's own (half an ulp from the exact f(x), the scalar float64
 *       f being exact to float's resolution) and a few more roundings of a float formula whose
 *       intermediates are about the size of the result (a correctly rounded float tanh is 1/2 ulp
 *       from exact, hence at most 1 ulp from ref).</li>
 *   <li>8u M, absolute, with M = max(1, |x|, |f(x)|) max(1, |f'(x)|) (and M times |g| for the
 *       gradient): where f(x) is small next to the quantities the formula combines, a float
 *       formula cancels, and its error is that of those quantities, not of the result. Every
 *       rounding of an intermediate of size at most max(1, |x|, |f(x)|) moves it by at most u
 *       times that, and moves the result by at most the slope times as much; 8 allows eight such
 *       roundings. Example: tanh as 2 sigmoid(2x) - 1 in float rounds exp, 1 + e and the quotient
 *       (relative error 3u of a sigmoid &lt;= 1), doubles it and subtracts 1: about 7u in all near
 *       x = 0, where tanh(x) is tiny and an ulp of it says nothing. A derivative written in terms
 *       of y (1 - y^2 for tanh, y (1 - y) for sigmoid) cancels the same way near saturation.</li>
 * </ul>
 * A wrong formula is off by far more: relative errors of 1e-3 and up at |x| &lt;= 4 (where the
 * floor is at most 8u * 4 * slope, about 2e-6 times the slope) are what a wrong constant, a
 * missing term, or a float evaluation with float's own cancellation left uncompensated over a
 * wide range give. Infinite or NaN references (an activation that overflows float) must be met
 * exactly.
 *
 * <p>Arguments are floats: the float64 checks' mix ({@link ActivationChecks#argument}, the
 * extremes +-40 and +-800) rounded to float, each declared kink, and the floats one to four
 * ulps either side of it, where a float formula that tests {@code x > 0} differently from the
 * scalar one shows. Outside the range an array is left untouched, in place too.
 */
public final class Float32ActivationChecks {

    /** ulps of the reference allowed (see the class comment). */
    public static final double ULPS = 4;
    /** Roundings of intermediates of size M allowed (see the class comment). */
    public static final double ROUNDINGS = 8;

    private static final double U = Precision.FLOAT32.unitRoundoff();
    private static final float SENTINEL = -7.25f;

    private Float32ActivationChecks() {
    }

    /**
     * The float bulk {@code apply} and {@code backward} agree with the scalar methods rounded to
     * float, into another array and in place, and leave the rest of each array alone.
     *
     * @param a the activation
     * @return the property
     */
    public static Property<ActivationChecks.Bulk> bulkAgreesWithScalar(Activation a) {
        return new Property<>(a.name() + ": float32 bulk apply and backward agree with the scalar methods rounded to"
                + " float", ActivationChecks.bulkCases(), c -> check(a, c));
    }

    /**
     * The largest difference the check allows between a float32 result and its reference.
     *
     * @param reference the reference, (float) f(x) or (float) (g f'(x, y))
     * @param x the argument
     * @param y f(x)
     * @param slope f'(x)
     * @param g the upstream gradient, 1 for {@code apply}
     * @return 4 ulp(reference) + 8 u max(1, |x|, |y|) max(1, |slope|) |g|
     */
    public static double allowed(float reference, double x, double y, double slope, double g) {
        double m = Math.max(1, Math.max(Math.abs(x), Math.abs(y))) * Math.max(1, Math.abs(slope)) * Math.abs(g);
        return ULPS * Math.ulp(reference) + ROUNDINGS * U * m;
    }

    static void check(Activation a, ActivationChecks.Bulk c) {
        SplittableRandom r = new SplittableRandom(c.valueSeed());
        float[] x = arguments(r, c.length(), a.kinks());
        float[] y = new float[x.length];
        Arrays.fill(y, SENTINEL);
        a.apply(x, y, c.from(), c.to());
        float[] inPlace = x.clone();
        a.apply(inPlace, inPlace, c.from(), c.to());
        float[] ref = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            ref[i] = (float) a.apply((double) x[i]);
            boolean inside = i >= c.from() && i < c.to();
            requireNear(a, "apply", i, x[i], inside, y[i], SENTINEL, ref[i], 1);
            requireNear(a, "apply in place", i, x[i], inside, inPlace[i], x[i], ref[i], 1);
        }
        float[] grad = new float[x.length];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) r.nextDouble(-2, 2);
        }
        float[] chain = grad.clone();
        a.backward(x, ref, chain, c.from(), c.to());
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= c.from() && i < c.to();
            float expect = (float) (grad[i] * a.derivative(x[i], ref[i]));
            requireNear(a, "backward", i, x[i], inside, chain[i], grad[i], expect, grad[i]);
        }
    }

    /**
     * Float arguments: 1 in 8 a kink or a float up to 4 ulps from one, 1 in 8 an extreme, the
     * rest {@link ActivationChecks#argument}, all rounded to float.
     */
    static float[] arguments(SplittableRandom r, int n, double[] kinks) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(8);
            if (pick == 0 && kinks.length > 0) {
                float k = (float) kinks[r.nextInt(kinks.length)];
                int steps = r.nextInt(9) - 4;
                for (int s = 0; s < Math.abs(steps); s++) {
                    k = steps > 0 ? Math.nextUp(k) : Math.nextDown(k);
                }
                x[i] = k;
            } else if (pick == 1) {
                x[i] = (float) ActivationChecks.EXTREMES[r.nextInt(ActivationChecks.EXTREMES.length)];
            } else {
                x[i] = (float) ActivationChecks.argument(r);
            }
        }
        return x;
    }

    /**
     * Inside the range, {@code got} within {@link #allowed} of {@code reference}; outside it,
     * {@code got} untouched (equal to {@code untouched}).
     */
    private static void requireNear(Activation a, String method, int i, float x, boolean inside, float got,
            float untouched, float reference, float g) {
        if (!inside) {
            if (Float.compare(got, untouched) != 0) {
                throw new AssertionError(a.name() + ": float32 bulk " + method + " wrote " + got + " at index " + i
                        + " (x = " + x + "), outside the range it was given; it held " + untouched);
            }
            return;
        }
        if (Float.isNaN(reference) || Float.isInfinite(reference)) {
            if (Float.compare(got, reference) != 0) {
                throw new AssertionError(a.name() + ": float32 bulk " + method + " gave " + got + " at index " + i
                        + " (x = " + x + "), the scalar method rounded to float " + reference);
            }
            return;
        }
        double y = a.apply((double) x);
        double bound = allowed(reference, x, y, a.derivative(x, y), g);
        if (!(Math.abs((double) got - reference) <= bound)) {
            String upstream = method.equals("backward") ? ", upstream gradient " + g : "";
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: float32 bulk %s gave %s at index %d (x = %s%s), the scalar method rounded to float %s;"
                            + " they differ by %.3e, more than the %.3e allowed (4 ulp + 8u max(1, |x|, |f(x)|)"
                            + " max(1, |f'(x)|)%s)",
                    a.name(), method, got, i, x, upstream, reference, Math.abs((double) got - reference), bound,
                    method.equals("backward") ? " |g|" : ""));
        }
    }
}
