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
        double[] y = d.forward(Sequence.wrap(100, 10, 20, ones), true, 0, 0, null).data();
        long zeros = Arrays.stream(y).filter(v -> v == 0.0).count();
        long kept = Arrays.stream(y).filter(v -> v == 1 / 0.7).count();
        assertEquals(y.length, zeros + kept, "every element is 0 or 1/(1-p)");
        // Binomial(20000, 0.3): standard deviation 65; 400 is six of them.
        assertEquals(6000, zeros, 400);
        double[] g = d.backward(Sequence.wrap(100, 10, 20, ones.clone())).data();
        assertArrayEquals(y, g, 0.0, "backward multiplies by the same mask");
    }

    @Test
    void masksAreAFunctionOfSeedStepAndPlaceAndHeldOnRequest() {
        Sequence x = NetworkGradientTest.randomSequence(new SplittableRandom(1), 5, 4, 6);
        double[] first = new Dropout(0.5, 7).forward(x, true, 3, 0, null).data().clone();
        Dropout d = new Dropout(0.5, 7);
        assertArrayEquals(first, d.forward(x, true, 3, 0, null).data(), 0.0, "same seed and step, same mask");
        double[] second = d.forward(x, true, 4, 0, null).data().clone();
        assertFalse(Arrays.equals(first, second), "the next step, another mask");
        assertFalse(Arrays.equals(first, new Dropout(0.5, 8).forward(x, true, 3, 0, null).data()),
                "another seed, another mask");
        assertFalse(Arrays.equals(first, d.forward(x, true, 3, 1, null).data()), "other steps of the batch");
        assertFalse(Arrays.equals(first, d.forward(x, true, 3, 0, new int[] {1, 2, 3, 4}).data()),
                "other rows of the global batch");
        d.forward(x, true, 4, 0, null);
        d.hold(true);
        assertArrayEquals(second, d.forward(x, true, 9, 0, null).data(), 0.0, "a held mask is reused");
        assertThrows(IllegalStateException.class, () -> d.forward(Sequence.zeros(2, 2, 2), true, 0, 0, null));
        assertSame(x, d.forward(x, false, 0, 0, null), "evaluation: the identity");
    }

    @Test
    void aPartOfTheBatchDrawsTheWholeBatchsMasksForItsRowsAndSteps() {
        // what a worker computing rows {1, 3} of 5, or a truncated-BPTT chunk of steps [2, 5), needs
        int steps = 6;
        int batch = 5;
        int features = 4;
        double[] whole = masks(new Dropout(0.4, 21), steps, batch, features, 7, 0, null);
        int[] rows = {1, 3};
        double[] part = masks(new Dropout(0.4, 21), 3, rows.length, features, 7, 2, rows);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < rows.length; i++) {
                for (int f = 0; f < features; f++) {
                    assertEquals(whole[((t + 2) * batch + rows[i]) * features + f],
                            part[(t * rows.length + i) * features + f], 0.0,
                            "step " + (t + 2) + ", row " + rows[i] + ", feature " + f);
                }
            }
        }
        double[] other = masks(new Dropout(0.4, 21), steps, batch, features, 8, 0, null);
        assertFalse(Arrays.equals(whole, other), "the next training step draws other masks");
    }

    @Test
    void aNetworkDrawsNewMasksEachForwardUnlessToldTheStep() {
        SplittableRandom r = new SplittableRandom(5);
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 2, IN);
        Network net = net(2, 0.5, 9);
        double[] first = net.forward(x, null).data().clone();
        assertEquals(1, net.dropoutStep(), "a forward that draws moves the step on");
        assertFalse(Arrays.equals(first, net.forward(x, null).data()), "the next forward, new masks");
        net.setDropoutPosition(0, 0);
        assertArrayEquals(first, net.forward(x, null).data(), 0.0, "step 0 again, step 0's masks");
        assertArrayEquals(new long[] {1}, net.dropoutDraws());
        assertThrows(IllegalArgumentException.class, () -> net.setDropoutPosition(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> net.restoreDropoutDraws(new long[] {1, 1}));
    }

    /** The mask of one forward over ones. */
    private static double[] masks(Dropout d, int steps, int batch, int features, long step, int firstTime,
            int[] rows) {
        double[] ones = new double[steps * batch * features];
        Arrays.fill(ones, 1.0);
        return d.forward(Sequence.wrap(steps, batch, features, ones), true, step, firstTime, rows).data().clone();
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
