package org.rnn4j.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The uniform initialisers' bounds and the name lookup. */
class InitializerTest {

    /** Largest |w|, and the mean of w^2 (U(-a, a) has E[w^2] = a^2 / 3). */
    private static double[] stats(double[] w) {
        double max = 0;
        double sq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sq += v * v;
        }
        return new double[] {max, sq / w.length};
    }

    @Test
    void xavierUniformUsesSqrtSixOverFanInPlusFanOut() {
        double[] w = new double[40 * 60];
        Initializer.XAVIER_UNIFORM.fill(w, new WeightShape(40, 60, 1, 40, false), new SplittableRandom(1));
        double a = Math.sqrt(6.0 / (40 + 60));
        double[] s = stats(w);
        assertTrue(s[0] <= a, "every |w| <= " + a + ", max " + s[0]);
        assertTrue(s[0] > 0.99 * a, "the draws reach the bound " + a + ", max " + s[0]);
        assertEquals(a * a / 3, s[1], 0.05 * a * a / 3, "E[w^2] = a^2 / 3");
    }

    @Test
    void pytorchDefaultUsesOneOverSqrtOfTheLayersFan() {
        double[] w = new double[4 * 16 * 10];
        Initializer.PYTORCH.fill(w, new WeightShape(64, 10, 4, 16, false), new SplittableRandom(2));
        double[] s = stats(w);
        assertTrue(s[0] <= 0.25 && s[0] > 0.99 * 0.25, "bound 1/sqrt(16), max " + s[0]);
        assertEquals(0.25 * 0.25 / 3, s[1], 0.1 * 0.25 * 0.25 / 3);
    }

    @Test
    void zerosAreZeros() {
        double[] w = {1, 2, 3, 4};
        Initializer.ZEROS.fill(w, new WeightShape(2, 2, 1, 2, false), new SplittableRandom(3));
        assertEquals(0.0, stats(w)[0], 0.0);
    }

    @Test
    void sameSeedSameWeights() {
        double[] a = new double[30];
        double[] b = new double[30];
        WeightShape s = new WeightShape(6, 5, 1, 6, false);
        Initializer.XAVIER_UNIFORM.fill(a, s, new SplittableRandom(9));
        Initializer.XAVIER_UNIFORM.fill(b, s, new SplittableRandom(9));
        assertTrue(Arrays.equals(a, b));
    }

    @Test
    void namesAreLookedUpAndUnknownOnesListTheKnown() {
        assertSame(Initializer.ORTHOGONAL, Initializer.named("orthogonal"));
        assertSame(Initializer.XAVIER_UNIFORM, Initializer.named(" Xavier_Uniform "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.named("glorot"));
        assertTrue(e.getMessage().contains("'glorot'") && e.getMessage().contains("pytorch, xavier_uniform, orthogonal, zeros"),
                e.getMessage());
    }

    @Test
    void matrixInitialisersRejectVectorsAndWrongSizes() {
        WeightShape bias = new WeightShape(5, 1, 1, 5, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.ORTHOGONAL.fill(new double[5], bias, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("needs a matrix"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.ZEROS.fill(new double[4], bias, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("has 5 values, got 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightShape(10, 3, 4, 3, false));
        assertTrue(e.getMessage().contains("cannot split into 4 blocks"), e.getMessage());
    }
}
