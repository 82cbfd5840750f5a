package org.rnn4j.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/** The watch sees pre-activations near kinks and changes no number. */
class KinkWatchTest {

    private final Registry installed = Registry.installed();

    @Test
    void aPreActivationWithinTheMarginOfAKinkIsSeenInBulkAndScalarCalls() {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(installed);
        Activation relu = watched.activation("relu");

        relu.apply(new double[] {0.5, -2, 0.5 * KinkWatch.MARGIN}, new double[3], 0, 3);
        assertFalse(watch.clear());
        watch.reset();
        relu.apply(new double[] {0.5, -2, 2 * KinkWatch.MARGIN}, new double[3], 0, 3);
        assertTrue(watch.clear());
        relu.apply(new double[] {0.5 * KinkWatch.MARGIN, 1}, new double[2], 1, 2);
        assertTrue(watch.clear(), "outside the range it was given");
        watched.activation("hard_sigmoid").apply(3 - 0.5 * KinkWatch.MARGIN);
        assertFalse(watch.clear(), "hard_sigmoid's kink at 3");
        watch.reset();
        watched.activation("tanh").apply(0.0);
        assertTrue(watch.clear(), "tanh has no kinks");
    }

    @Test
    void watchedActivationsGiveTheSameNumbers() {
        Registry watched = new KinkWatch().wrap(installed);
        double[] x = new SplittableRandom(5).doubles(50, -5, 5).toArray();
        for (var p : installed.activations()) {
            Activation real = p.instance();
            Activation w = watched.activation(p.name());
            assertEquals(real.name(), w.name());
            assertArrayEquals(real.kinks(), w.kinks());
            double[] y1 = new double[x.length];
            double[] y2 = new double[x.length];
            real.apply(x, y1, 0, x.length);
            w.apply(x, y2, 0, x.length);
            assertArrayEquals(y1, y2, 0.0, p.name());
            double[] g1 = x.clone();
            double[] g2 = x.clone();
            real.backward(x, y1, g1, 0, x.length);
            w.backward(x, y2, g2, 0, x.length);
            assertArrayEquals(g1, g2, 0.0, p.name());
        }
    }
}
