package org.rnn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * rnn4j's tanh (series below |x| = 1/4, e^-2|x| above) against {@link Math#tanh}, fdlibm's,
 * which is within 1 ulp of the true value: at most 3 ulps apart over magnitudes from 1e-12 to
 * 30, densely around the switch between the two forms, and exact at the special values.
 */
class TanhAccuracyProperties {

    private static final int TRIES = Integer.getInteger("rnn4j.tries", 100) * 2000;
    private static final double MAX_ULPS = 3;

    @Test
    void withinThreeUlpsOfFdlibm() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < TRIES; i++) {
            double magnitude = i % 4 == 0
                    ? Tanh.SERIES_LIMIT * r.nextDouble(0.9, 1.1)
                    : Math.pow(10, r.nextDouble(-12, Math.log10(30)));
            double x = r.nextBoolean() ? magnitude : -magnitude;
            double expected = Math.tanh(x);
            double actual = Tanh.tanh(x);
            double ulps = Math.abs(actual - expected) / Math.ulp(expected);
            assertTrue(ulps <= MAX_ULPS, "tanh(" + x + ") = " + actual + ", fdlibm " + expected + ": " + ulps + " ulps");
        }
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertEquals(0.0, Tanh.tanh(0.0));
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Tanh.tanh(800));
        assertEquals(-1.0, Tanh.tanh(-800));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Tanh.tanh(Double.MIN_VALUE));
    }
}
