package org.rnn4j.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Activation;

/** The {@link Activation} contract, checked for every function of the module. */
class ActivationContractTest {

    private static final String ALL = "org.rnn4j.activations.Catalog#named";

    /** Relative tolerance against the mpmath reference values (about 450 ulps). */
    private static final double REFERENCE_TOLERANCE = 1e-13;

    /** Step of the central finite difference. */
    private static final double STEP = 1e-6;

    /** Relative tolerance of the finite-difference check. */
    private static final double DIFFERENCE_TOLERANCE = 1e-7;

    /** Where the derivative is compared with the finite difference (minus points near kinks). */
    private static final double[] DIFFERENCE_POINTS =
        {-2.9, -2.2, -1.3, -0.6, -0.05, 0.05, 0.4, 1.1, 1.9, 2.7};

    /** Arguments where overflow, underflow and cancellation would show. */
    private static final double[] EXTREMES = {-800, -40, 40, 800};

    @ParameterizedTest
    @MethodSource(ALL)
    void valuesAndDerivativesMatchReference(Activation a) {
        List<ReferenceTable.Point> points = ReferenceTable.points(a.name());
        assertFalse(points.isEmpty(), "no reference values for " + a.name());
        for (ReferenceTable.Point p : points) {
            double y = a.apply(p.x());
            assertClose(p.y(), y, REFERENCE_TOLERANCE, a.name() + "(" + p.x() + ")");
            assertClose(p.dy(), a.derivative(p.x(), y), REFERENCE_TOLERANCE,
                    a.name() + "'(" + p.x() + ")");
        }
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void referenceCoversTheExtremes(Activation a) {
        double[] covered = ReferenceTable.points(a.name()).stream()
                .mapToDouble(ReferenceTable.Point::x).toArray();
        for (double x : EXTREMES) {
            assertTrue(DoubleStream.of(covered).anyMatch(c -> c == x),
                    a.name() + ": no reference value at " + x);
        }
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void finiteMonotoneAndNonNegativeSlopeEverywhere(Activation a) {
        double[] xs = sweep();
        double previous = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            double y = a.apply(x);
            double dy = a.derivative(x, y);
            String at = a.name() + " at " + x;
            assertTrue(Double.isFinite(y), at + ": f = " + y);
            assertTrue(Double.isFinite(dy) && dy >= 0, at + ": f' = " + dy);
            assertTrue(y >= previous, at + ": f decreased from " + previous + " to " + y);
            previous = y;
        }
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void derivativeMatchesCentralDifference(Activation a) {
        double[] kinks = a.kinks();
        int checked = 0;
        for (double x : DIFFERENCE_POINTS) {
            if (DoubleStream.of(kinks).anyMatch(k -> Math.abs(x - k) < 1e4 * STEP)) {
                continue;
            }
            double numeric = (a.apply(x + STEP) - a.apply(x - STEP)) / (2 * STEP);
            double analytic = a.derivative(x, a.apply(x));
            assertClose(analytic, numeric, DIFFERENCE_TOLERANCE, a.name() + "'(" + x + ")");
            checked++;
        }
        assertTrue(checked >= DIFFERENCE_POINTS.length - 2, a.name() + ": too few points");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void bulkApplyEqualsScalarApplyBitForBit(Activation a) {
        double[] x = randomArguments(257, 1);
        int from = 3;
        int to = x.length - 5;
        double[] y = new double[x.length];
        Arrays.fill(y, -7.5);
        a.apply(x, y, from, to);
        double[] inPlace = x.clone();
        a.apply(inPlace, inPlace, from, to);
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= from && i < to;
            assertEquals(inside ? a.apply(x[i]) : -7.5, y[i], a.name() + " at index " + i);
            assertEquals(inside ? a.apply(x[i]) : x[i], inPlace[i], a.name() + " in place " + i);
        }
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void bulkBackwardIsChainRuleBitForBit(Activation a) {
        double[] x = randomArguments(257, 2);
        double[] y = new double[x.length];
        a.apply(x, y, 0, x.length);
        double[] dy = new SplittableRandom(3).doubles(x.length, -2, 2).toArray();
        double[] grad = dy.clone();
        int from = 4;
        int to = x.length - 2;
        a.backward(x, y, grad, from, to);
        for (int i = 0; i < x.length; i++) {
            double expected = i >= from && i < to ? dy[i] * a.derivative(x[i], y[i]) : dy[i];
            assertEquals(expected, grad[i], a.name() + " at index " + i);
        }
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void declaresItsKinksAndHandsOutCopies(Activation a) {
        double[] kinks = a.kinks();
        assertArrayEquals(Catalog.expectedKinks(a.name()), kinks, a.name());
        if (kinks.length > 0) {
            kinks[0] = 42;
            assertArrayEquals(Catalog.expectedKinks(a.name()), a.kinks(), a.name() + " copy");
        }
    }

    /** Sorted arguments from -MAX_VALUE to MAX_VALUE, dense around 0 and at the extremes. */
    private static double[] sweep() {
        DoubleStream grid = DoubleStream.iterate(-1000, x -> x <= 1000, x -> x + 0.125);
        DoubleStream special = DoubleStream.of(-Double.MAX_VALUE, -1e300, -1e10, -Double.MIN_VALUE,
                -0.0, 0.0, Double.MIN_VALUE, 1e-300, 1e10, 1e300, Double.MAX_VALUE);
        return DoubleStream.concat(grid, special).sorted().toArray();
    }

    /** Random arguments over [-50, 50] with the extremes and the kinks mixed in. */
    private static double[] randomArguments(int n, long seed) {
        double[] x = new SplittableRandom(seed).doubles(n, -50, 50).toArray();
        double[] special = {-800, -40, -3, -1e-9, 0, 1e-9, 3, 40, 800, -0.0};
        for (int i = 0; i < special.length; i++) {
            x[10 + 20 * i] = special[i];
        }
        return x;
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                () -> what + ": expected " + expected + " but was " + actual);
    }
}
