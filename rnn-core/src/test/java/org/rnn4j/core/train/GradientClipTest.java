package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/** Clipping by norm and by value against numbers worked out by hand from the equations. */
class GradientClipTest {

    /** Gradients [3, 4] and [12]: together one vector of norm sqrt(9 + 16 + 144) = 13. */
    private static List<Parameter> threeFourTwelve() {
        Parameter a = new Parameter("a", 2);
        Parameter b = new Parameter("b", 1);
        a.grad()[0] = 3;
        a.grad()[1] = 4;
        b.grad()[0] = 12;
        return List.of(a, b);
    }

    @Test
    void globalNormTreatsAllParametersAsOneVector() {
        assertEquals(13.0, GradientClip.globalNorm(threeFourTwelve()), 0.0);
    }

    @Test
    void byNormScalesByMaxNormOverTotalPlusEpsilon() {
        List<Parameter> ps = threeFourTwelve();
        double returned = GradientClip.byNorm(6.5).clip(ps);
        assertEquals(13.0, returned, 0.0, "the norm before clipping is returned");
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, ps.get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {12 * c}, ps.get(1).grad(), 1e-15);
        assertEquals(6.5, GradientClip.globalNorm(ps), 1e-6, "the new norm is max_norm, less the epsilon's share");
        assertTrue(GradientClip.globalNorm(ps) < 6.5);
    }

    @Test
    void byNormLeavesSmallGradientsExactlyAlone() {
        List<Parameter> ps = threeFourTwelve();
        assertEquals(13.0, GradientClip.byNorm(13.5).clip(ps), 0.0);
        assertArrayEquals(new double[] {3, 4}, ps.get(0).grad(), 0.0);
        assertArrayEquals(new double[] {12}, ps.get(1).grad(), 0.0);
        // At max_norm = 13 exactly the factor 13 / (13 + 1e-6) is just below 1: PyTorch scales.
        List<Parameter> at = threeFourTwelve();
        GradientClip.byNorm(13).clip(at);
        assertTrue(at.get(1).grad()[0] < 12);
    }

    @Test
    void byNormLeavesNonFiniteGradientsForTheCallerToSee() {
        List<Parameter> ps = threeFourTwelve();
        ps.get(1).grad()[0] = Double.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, GradientClip.byNorm(1).clip(ps), 0.0);
        assertArrayEquals(new double[] {3, 4}, ps.get(0).grad(), 0.0);
    }

    @Test
    void byValueClampsEachElementAsMinCharRnn() {
        Parameter p = new Parameter("w", 2, 3);
        double[] g = {-7, 2, 5.5, -5, 0, 4.999};
        System.arraycopy(g, 0, p.grad(), 0, g.length);
        double norm = GradientClip.byValue(5).clip(List.of(p));
        assertEquals(Math.sqrt(49 + 4 + 30.25 + 25 + 0 + 4.999 * 4.999), norm, 1e-12);
        assertArrayEquals(new double[] {-5, 2, 5, -5, 0, 4.999}, p.grad(), 0.0);
    }

    /**
     * A float32 gradient is clamped between float bounds; the bits must be those of clamping each
     * element as a double and rounding, {@code (float) min(max(g, -limit), limit)}, for limits a
     * float holds and limits it does not (rounded up or down, below the smallest float, above the
     * largest), at the bounds and the floats next to them, at zeros, infinities and NaN.
     */
    @Test
    void byValueOnFloat32GivesTheBitsOfTheDoubleClampRounded() {
        double[] limits = {5, 0.1, 1.0 / 3, 2.0 / 3, Math.nextUp((double) 0.1f), Math.nextDown((double) 0.1f),
            1e-46, 1e-45, 3.5e38, 1e300, Float.MAX_VALUE, Float.MIN_VALUE};
        SplittableRandom random = new SplittableRandom(13);
        for (double limit : limits) {
            List<Float> gs = new ArrayList<>(List.of(0f, -0f, Float.NaN, Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE));
            for (float bound : new float[] {(float) limit, (float) -limit}) {
                for (float b = bound, k = 0; k < 3; k++, b = Math.nextUp(b)) {
                    gs.add(b);
                }
                for (float b = Math.nextDown(bound), k = 0; k < 2; k++, b = Math.nextDown(b)) {
                    gs.add(b);
                }
            }
            for (int k = 0; k < 50; k++) {
                gs.add((float) ((random.nextDouble() * 4 - 2) * limit));
            }
            Parameter p = new Parameter(Precision.FLOAT32, "w", gs.size());
            float[] g = p.floatGrad();
            for (int i = 0; i < g.length; i++) {
                g[i] = gs.get(i);
            }
            GradientClip.byValue(limit).clip(List.of(p));
            for (int i = 0; i < g.length; i++) {
                float expected = (float) Math.min(Math.max((double) gs.get(i), -limit), limit);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(p.floatGrad()[i]),
                        "limit " + limit + ", g " + gs.get(i) + ": got " + p.floatGrad()[i] + ", expected " + expected);
            }
        }
    }

    @Test
    void noneReturnsTheNormAndChangesNothing() {
        List<Parameter> ps = threeFourTwelve();
        assertEquals(13.0, GradientClip.NONE.clip(ps), 0.0);
        assertArrayEquals(new double[] {12}, ps.get(1).grad(), 0.0);
    }

    @Test
    void badBoundsAreRejectedByName() {
        for (double bad : new double[] {-1, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientClip.byNorm(bad));
            assertTrue(e.getMessage().contains("max_norm") && e.getMessage().contains("> 0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> GradientClip.byValue(bad));
            assertTrue(e.getMessage().contains("clip value") && e.getMessage().contains("> 0"), e.getMessage());
        }
    }
}
