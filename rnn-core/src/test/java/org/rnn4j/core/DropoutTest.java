package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;

/** Dropout between stacked recurrent layers: inverted, seeded, off in evaluation, checkable. */
class DropoutTest {

    private static final int IN = 3;

    private static Network net(int depth, double p, long seed) {
        NetworkBuilder b = Network.builder(Layers.REGISTRY).input(IN).seed(seed).loss("half_sse").dropout(p);
        for (int l = 0; l < depth; l++) {
            b.recurrent(l % 2 == 0 ? "lstm" : "gru", 4);
        }
        return b.output(2).build();
    }

    @Test
    void dropsAboutPOfTheElementsAndScalesTheRestByOneOverOneMinusP() {
        Dropout d = new Dropout(0.3, 99);
        double[] ones = new double[20_000];
        Arrays.fill(ones, 1.0);
        double[] y = d.forward(Sequence.wrap(100, 10, 20, ones), true).data();
        long zeros = Arrays.stream(y).filter(v -> v == 0.0).count();
        long kept = Arrays.stream(y).filter(v -> v == 1 / 0.7).count();
        assertEquals(y.length, zeros + kept, "every element is 0 or 1/(1-p)");
        // Binomial(20000, 0.3): standard deviation 65; 400 is six of them.
        assertEquals(6000, zeros, 400);
        double[] g = d.backward(Sequence.wrap(100, 10, 20, ones.clone())).data();
        assertArrayEquals(y, g, 0.0, "backward multiplies by the same mask");
    }

    @Test
    void masksAreSeededFreshEachForwardAndHeldOnRequest() {
        Sequence x = NetworkGradientTest.randomSequence(new SplittableRandom(1), 5, 4, 6);
        double[] first = new Dropout(0.5, 7).forward(x, true).data().clone();
        Dropout d = new Dropout(0.5, 7);
        assertArrayEquals(first, d.forward(x, true).data(), 0.0, "same seed, same first mask");
        double[] second = d.forward(x, true).data().clone();
        assertFalse(Arrays.equals(first, second), "the next forward draws a new mask");
        assertFalse(Arrays.equals(first, new Dropout(0.5, 8).forward(x, true).data()), "another seed, another mask");
        d.hold(true);
        assertArrayEquals(second, d.forward(x, true).data(), 0.0, "a held mask is reused");
        assertEquals(2, d.draws());
        assertThrows(IllegalStateException.class, () -> d.forward(Sequence.zeros(2, 2, 2), true));
        assertSame(x, d.forward(x, false), "evaluation: the identity");
    }

    @Test
    void evaluationModeIsExactlyTheNetworkWithoutDropout() {
        Sequence x = NetworkGradientTest.randomSequence(new SplittableRandom(2), 4, 2, IN);
        double[] plain = net(3, 0.0, 5).forward(x, null).data().clone();
        Network dropped = net(3, 0.5, 5);
        assertTrue(dropped.isTraining(), "a network starts in training mode");
        assertFalse(Arrays.equals(plain, dropped.forward(x, null).data()), "training mode drops");
        dropped.setTraining(false);
        assertArrayEquals(plain, dropped.forward(x, null).data(), 0.0);
    }

    @Test
    void nothingIsDroppedAfterTheLastRecurrentLayer() {
        Sequence x = NetworkGradientTest.randomSequence(new SplittableRandom(3), 4, 2, IN);
        double[] plain = net(1, 0.0, 5).forward(x, null).data().clone();
        assertArrayEquals(plain, net(1, 0.9, 5).forward(x, null).data(), 0.0);
    }

    @Test
    void sameSeedSameTrainingRunBitForBit() {
        SplittableRandom r = new SplittableRandom(4);
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 2, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, 4, 2, 2);
        double[][] losses = new double[2][5];
        for (int run = 0; run < 2; run++) {
            Network net = net(2, 0.4, 11);
            for (int i = 0; i < 5; i++) {
                losses[run][i] = net.gradients(x, d, null);
            }
        }
        assertArrayEquals(losses[0], losses[1], 0.0);
        assertFalse(losses[0][0] == losses[0][1], "each forward draws new masks");
    }

    @Test
    void gradientsMatchFiniteDifferencesWithTheMaskHeld() {
        SplittableRandom r = new SplittableRandom(6);
        Network net = Network.builder(Layers.REGISTRY).input(IN).seed(3).loss("mse").dropout(0.4)
                .recurrent("elman", 3, Map.of("activation", "sigmoid")).recurrent("lstm", 3).recurrent("gru", 2)
                .output(2).build();
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 3, IN).withMask(Cases.prefixMask(4, 3, 4, 1));
        Sequence d = NetworkGradientTest.randomSequence(r, 4, 3, 2);
        assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 3)));
    }

    @Test
    void probabilityOutsideZeroToOneIsRejected() {
        for (double p : new double[] {1.0, -0.1, Double.NaN, 1.5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Network.builder(Layers.REGISTRY).dropout(p));
            assertTrue(e.getMessage().contains("dropout must be in [0, 1), got " + p), e.getMessage());
        }
    }
}
