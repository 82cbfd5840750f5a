package org.rnn4j.testkit.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DL4J's rule with the noise-aware floor, the central difference, and the report of a mismatch. */
class GradientCheckerTest {

    private final Tolerance tol = Tolerance.DEFAULT;
    private final GradientChecker checker = new GradientChecker(tol);

    /** A difference whose loss values are near {@code loss} (so its noise is eps |loss| / h). */
    private static Difference at(double slope, double loss) {
        return Difference.of(loss + slope * 1e-6, loss - slope * 1e-6, 1e-6, -1e-6);
    }

    @Test
    void theCentralDifferenceOfACubeIsItsDerivativeAndTheValueIsRestored() {
        double[] v = {2.0, 5.0};
        Difference d = checker.centralDifference(v, 0, () -> v[0] * v[0] * v[0] + v[1]);
        assertEquals(12.0, d.slope(), 1e-8, "d/dx x^3 at 2");
        assertEquals(2.0, v[0], 0.0, "restored exactly");
        assertEquals(2 * Difference.EPS * (8 + 5) / 2e-6, d.noise(), 1e-12, "noise is eps max|L| / h");
    }

    @Test
    void smallRelativeErrorsPassAndLargeOnesFail() {
        assertTrue(tol.agree(1.0, at(1.0 + 1e-7, 0)), "relative 5e-8");
        assertFalse(tol.agree(1.0, at(1.01, 0)), "relative 5e-3, absolute 1e-2");
        assertFalse(tol.agree(-0.25, at(0.25, 0)), "wrong sign");
    }

    @Test
    void tinyAbsoluteErrorsPassWhateverTheRelativeError() {
        assertTrue(tol.agree(1e-9, at(3e-9, 0)), "relative 0.5 but absolute 2e-9 < 1e-8");
        assertFalse(tol.agree(5e-8, at(0, 0)), "absolute 5e-8 > 1e-8 and relative 1");
    }

    @Test
    void theFloorGrowsWithTheLossBecauseTheRoundingDoes() {
        // 1e-6 off on a gradient of 0.1 is 5e-6 relative: a failure, unless the loss is so large
        // that its own rounding makes the difference that uncertain.
        Difference small = at(0.1 + 1e-6, 1.0);
        Difference large = at(0.1 + 1e-6, 1e4);
        assertEquals(1e-8, tol.floor(small), 0.0);
        assertTrue(tol.floor(large) > 1e-6, "10 eps 1e4 / 1e-6 = 2.2e-5");
        assertFalse(tol.agree(0.1, small));
        assertTrue(tol.agree(0.1, large));
    }

    @Test
    void nonFiniteNumbersNeverAgree() {
        assertFalse(tol.agree(Double.NaN, at(0, 0)));
        assertFalse(tol.agree(0, new Difference(Double.POSITIVE_INFINITY, 0)));
    }

    @Test
    void theFirstWrongElementIsReportedWithItsPlace() {
        double[] w = {0.5, -1.0, 2.0, 0.25, 1.5, -0.75};
        double[] analytic = w.clone(); // dL/dw of L = sum w^2 / 2 is w
        analytic[4] *= 1.001;
        Optional<Mismatch> m = checker.firstMismatch("weight", w, analytic, GradientChecker.tensorPosition(2, 3), () -> {
            double s = 0;
            for (double x : w) {
                s += x * x / 2;
            }
            return s;
        });
        assertTrue(m.isPresent());
        assertEquals(4, m.get().index());
        assertEquals("[1, 1]", m.get().position());
        String msg = m.get().atStep(3).message();
        assertTrue(msg.startsWith("weight[1, 1] (element 4): analytic 1.501500000"), msg);
        assertTrue(msg.endsWith("first disagrees at time step 3"), msg);
    }

    @Test
    void positionsNameSequenceAndStateElements() {
        assertEquals(" at step 1, sequence 0, feature 1", GradientChecker.sequencePosition(2, 3).apply(7));
        assertEquals(1, GradientChecker.stepOf(7, 2, 3));
        assertEquals(" of sequence 1, unit 2", GradientChecker.statePosition(4).apply(6));
        assertEquals("[3]", GradientChecker.tensorPosition(5).apply(3));
    }

    @Test
    void aToleranceRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, 1e-6, 1e-8, 10));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(1e-6, Double.NaN, 1e-8, 10));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(1e-6, 1e-6, 1e-8, -1));
    }
}
