package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;

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
