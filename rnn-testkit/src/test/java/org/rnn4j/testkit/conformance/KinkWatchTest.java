package org.rnn4j.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/**
 * The watch catches a difference that moves an argument across a kink, and only that: tiny
 * arguments that stay on their side and arguments that stay exactly on a kink pass. It
 * changes no number.
 */
class KinkWatchTest {

    private final Registry installed = Registry.installed();

    /** The sum of an activation over an array, in one bulk call. */
    private static DoubleSupplier sum(Activation a, double[] x) {
        return () -> {
            double[] y = new double[x.length];
            a.apply(x, y, 0, x.length);
            double s = 0;
            for (double v : y) {
                s += v;
            }
            return s;
        };
    }

    @Test
    void aStepAcrossAKinkIsCaughtAndATinyArgumentThatStaysOnItsSideIsNot() {
        KinkWatch watch = new KinkWatch();
        Activation relu = watch.wrap(installed).activation("relu");
        double[] x = {0.5, -2, 3e-9};
        watch.reference(() -> sum(relu, x).getAsDouble());
        DoubleSupplier guarded = watch.guard(sum(relu, x));

        x[2] = 3e-9 + 1e-9;
        assertEquals(0.5 + 4e-9, guarded.getAsDouble(), 1e-20, "3e-9 and 4e-9 are on one side of relu's kink");
        x[2] = 3e-9 - 1e-8;
        KinkWatch.Redraw e = assertThrows(KinkWatch.Redraw.class, guarded::getAsDouble);
        assertTrue(e.getMessage().contains("relu") && e.getMessage().contains("3.0E-9"), e.getMessage());
    }

    @Test
    void anArgumentExactlyOnAKinkMayStayThereButNotLeave() {
        KinkWatch watch = new KinkWatch();
        Activation relu = watch.wrap(installed).activation("relu");
        double[] x = {0.0, 1};
        watch.reference(() -> sum(relu, x).getAsDouble());
        DoubleSupplier guarded = watch.guard(sum(relu, x));

        x[1] = 1 + 1e-6;
        assertEquals(1 + 1e-6, guarded.getAsDouble(), 0.0);
        x[0] = 1e-300;
        assertThrows(KinkWatch.Redraw.class, guarded::getAsDouble);
    }

    @Test
    void everyKinkCountsAndScalarCallsAreSeenToo() {
        KinkWatch watch = new KinkWatch();
        Activation hard = watch.wrap(installed).activation("hard_sigmoid");
        double[] kinks = hard.kinks();
        assertTrue(kinks.length >= 2, "hard_sigmoid has a kink at each end of its slope");
        double[] x = {kinks[kinks.length - 1] + 1e-7};
        DoubleSupplier scalar = () -> hard.apply(x[0]);
        watch.reference(scalar::getAsDouble);
        DoubleSupplier guarded = watch.guard(scalar);
        x[0] = kinks[kinks.length - 1] - 1e-7;
        assertThrows(KinkWatch.Redraw.class, guarded::getAsDouble, "across the largest kink");
    }

    @Test
    void callsOutsideTheReferenceAndTheGuardAreNotCountedAndSmoothActivationsNotWatched() {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(installed);
        Activation relu = watched.activation("relu");
        double[] x = {0.25};
        watch.reference(() -> sum(relu, x).getAsDouble());
        relu.apply(new double[] {-1, 1, -1}, new double[3], 0, 3);
        DoubleSupplier withTanh = () -> sum(relu, x).getAsDouble() + watched.activation("tanh").apply(0.0);
        assertEquals(0.25, watch.guard(withTanh).getAsDouble(), 0.0);
        DoubleSupplier twice = () -> sum(relu, x).getAsDouble() + sum(relu, x).getAsDouble();
        assertThrows(KinkWatch.Redraw.class, watch.guard(twice)::getAsDouble,
                "more arguments than the reference had is no longer the same function of the same pieces");
    }

    @Test
    void aReferenceEvaluationBeyondTheRangeMustBeRedrawn() {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(installed);
        Activation tanh = watched.activation("tanh");
        watch.reference(() -> tanh.apply(new double[] {-KinkWatch.RANGE, KinkWatch.RANGE}, new double[2], 0, 2));
        KinkWatch.Redraw e = assertThrows(KinkWatch.Redraw.class,
                () -> watch.reference(() -> tanh.apply(KinkWatch.RANGE + 1)), "smooth activations count too");
        assertTrue(e.getMessage().contains("tanh") && e.getMessage().contains("31.0"), e.getMessage());
        assertThrows(KinkWatch.Redraw.class, () -> watch.reference(() -> tanh.apply(Double.NaN)));
        tanh.apply(1e6);
        DoubleSupplier beyond = () -> tanh.apply(1e6);
        assertEquals(1.0, watch.guard(beyond).getAsDouble(), 0.0, "differences are held to pieces, not to the range");
    }

    @Test
    void piecesAreNumberedAlongTheLine() {
        double[] kinks = {-3, 3};
        assertEquals(0, KinkWatch.piece(-5, kinks));
        assertEquals(1, KinkWatch.piece(-3, kinks));
        assertEquals(2, KinkWatch.piece(0, kinks));
        assertEquals(3, KinkWatch.piece(3, kinks));
        assertEquals(4, KinkWatch.piece(7, kinks));
        assertEquals(-1, KinkWatch.piece(Double.NaN, kinks));
    }

    @Test
    void watchedActivationsGiveTheSameNumbers() {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(installed);
        double[] x = new SplittableRandom(5).doubles(50, -5, 5).toArray();
        for (var p : installed.activations()) {
            Activation real = p.instance();
            Activation w = watched.activation(p.name());
            assertEquals(real.name(), w.name());
            assertArrayEquals(real.kinks(), w.kinks());
            double[] y1 = new double[x.length];
            double[] y2 = new double[x.length];
            real.apply(x, y1, 0, x.length);
            watch.reference(() -> w.apply(x, y2, 0, x.length));
            assertArrayEquals(y1, y2, 0.0, p.name());
            double[] g1 = x.clone();
            double[] g2 = x.clone();
            real.backward(x, y1, g1, 0, x.length);
            w.backward(x, y2, g2, 0, x.length);
            assertArrayEquals(g1, g2, 0.0, p.name());
        }
    }
}
