package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;
import org.rnn4j.api.Sequence;

/**
 * The losses without one-hot rows and the regression losses, against values worked by hand
 * (and by PyTorch: {@code CrossEntropyLoss()(tensor([[1., 2., 3.]]), tensor([2]))} is
 * 0.4076059644), the class-weighted mean of PyTorch, and the checks on targets and settings.
 */
class LossTargetsTest {

    private static final Registry REGISTRY = Registry.installed();

    @Test
    void classIndexCrossEntropyIsPyTorchs() {
        Loss ce = REGISTRY.loss("sparse_softmax_cross_entropy");
        double[] grad = new double[3];
        double v = ce.evaluate(new double[] {1, 2, 3}, 0, new double[] {2}, 0, grad, 0, 3);
        assertEquals(0.4076059644443806, v, 1e-15);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z - 1}, grad, 1e-15);
    }

    @Test
    void classIndexEqualsOneHotCrossEntropyOnRandomRows() {
        Loss sparse = REGISTRY.loss("sparse_softmax_cross_entropy");
        Loss dense = REGISTRY.loss("softmax_cross_entropy");
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(9);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextDouble(-5, 5);
            }
            int c = r.nextInt(n);
            double[] oneHot = new double[n];
            oneHot[c] = 1;
            double[] g1 = new double[n];
            double[] g2 = new double[n];
            double v1 = sparse.evaluate(y, 0, new double[] {c}, 0, g1, 0, n);
            double v2 = dense.evaluate(y, 0, oneHot, 0, g2, 0, n);
            assertEquals(v2, v1, 1e-12 * Math.max(1, v2));
            assertArrayEquals(g2, g1, 1e-12);
        }
    }

    /** PyTorch: (w_0 l_0 + w_1 l_1) / (w_0 + w_1), not the plain mean of the weighted losses. */
    @Test
    void weightedMeanDividesByTheSummedWeightsOfTheTargetClasses() {
        Loss ce = REGISTRY.loss("sparse_softmax_cross_entropy")
                .configure(new Options("loss", Map.of("weight", "1, 3")), 2);
        Sequence y = Sequence.wrap(1, 2, 2, new double[] {0.5, -0.5, 0.2, 0.7});
        Sequence d = Sequence.wrap(1, 2, 1, new double[] {0, 1});
        double l0 = Math.log(Math.exp(0.5) + Math.exp(-0.5)) - 0.5;
        double l1 = Math.log(Math.exp(0.2) + Math.exp(0.7)) - 0.7;
        Objective mean = new Objective(ce, Reduction.MEAN);
        assertEquals((1 * l0 + 3 * l1) / 4, mean.evaluate(y, d), 1e-15);
        double p1 = Math.exp(0.7) / (Math.exp(0.2) + Math.exp(0.7));
        assertEquals(3 * (p1 - 1) / 4, mean.gradient().get(0, 1, 1), 1e-15);
        assertEquals(1 * l0 + 3 * l1, new Objective(ce, Reduction.SUM).evaluate(y, d), 1e-15);
    }

    @Test
    void huberIsPyTorchsAndSmoothL1IsHuberOverDelta() {
        Loss huber = REGISTRY.loss("huber");
        double[] g = new double[2];
        assertEquals(0.8125, huber.evaluate(new double[] {0, 2}, 0, new double[] {0.5, 0}, 0, g, 0, 2), 1e-15);
        assertArrayEquals(new double[] {-0.25, 0.5}, g, 1e-15);
        Loss half = huber.configure(new Options("loss", Map.of("delta", "0.5")), 2);
        // HuberLoss(delta=0.5) on errors 0.25 and 2: (0.03125 + 0.875) / 2
        assertEquals(0.453125, half.evaluate(new double[] {0.25, 2}, 0, new double[] {0, 0}, 0, g, 0, 2), 1e-15);
        assertArrayEquals(new double[] {0.125, 0.25}, g, 1e-15);
        // SmoothL1Loss(beta=0.5) on the same errors: 0.0625 + 1.75, halved, = Huber / beta
        assertEquals((0.0625 + 1.75) / 2, 0.453125 / 0.5, 1e-15);
    }

    @Test
    void maeIsTheMeanAbsoluteErrorWithZeroSlopeAtZero() {
        Loss mae = REGISTRY.loss("mae");
        double[] g = new double[3];
        assertEquals(2.5 / 3, mae.evaluate(new double[] {1, -1, 2}, 0, new double[] {0, 0.5, 2}, 0, g, 0, 3), 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, -1.0 / 3, 0}, g, 1e-15);
    }

    @Test
    void aNetworkTrainsOnClassIndicesAndChecksThem() {
        Network net = Network.builder(REGISTRY).input(2).recurrent("elman", 3).output(3)
                .loss("sparse_softmax_cross_entropy").build();
        Sequence x = Sequence.wrap(2, 1, 2, new double[] {0.1, 0.2, 0.3, 0.4});
        double v = net.gradients(x, Sequence.wrap(2, 1, 1, new double[] {0, 2}), null);
        assertTrue(v > 0 && Double.isFinite(v));
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> net.loss(x, Sequence.wrap(2, 1, 3, new double[] {1, 0, 0, 0, 0, 1}), null));
        assertEquals("the target has shape 2 x 1 x 3 but the output has shape 2 x 1 x 3; loss "
                + "'sparse_softmax_cross_entropy' takes one class index per row (2 x 1 x 1)", wide.getMessage());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> net.loss(x, Sequence.wrap(2, 1, 1, new double[] {0, 3}), null));
        assertEquals("loss 'sparse_softmax_cross_entropy' needs class-index targets; the target of step 1, sequence 0"
                + " holds class index 3.0; a class index is a whole number in [0, 3)", out.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> net.loss(x, Sequence.wrap(2, 1, 1, new double[] {0.5, 1}), null));
        assertTrue(half.getMessage().contains("holds class index 0.5"), half.getMessage());
        // a padded row's target is never read
        Sequence padded = x.withMask(new boolean[] {true, false});
        assertEquals(net.loss(padded, Sequence.wrap(2, 1, 1, new double[] {1, 0}), null),
                net.loss(padded, Sequence.wrap(2, 1, 1, new double[] {1, -7}), null));
    }

    @Test
    void lossSettingsAreCheckedWhenTheNetworkIsBuilt() {
        NetworkBuilder b = Network.builder(REGISTRY).input(2).recurrent("elman", 3).output(3);
        assertEquals("loss 'sparse_softmax_cross_entropy': weight needs one number per class, 3 for 3 outputs, got 2"
                + " ('1,2')", assertThrows(IllegalArgumentException.class,
                        () -> b.loss("sparse_softmax_cross_entropy", Map.of("weight", "1,2")).build()).getMessage());
        assertEquals("loss 'sparse_softmax_cross_entropy': weight 1 is '-1'; a class weight is a finite number >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> b.loss("sparse_softmax_cross_entropy", Map.of("weight", "1,-1,2")).build()).getMessage());
        assertEquals("loss 'huber': delta must be in (0, inf), got 0", assertThrows(
                IllegalArgumentException.class, () -> b.loss("huber", Map.of("delta", "0")).build()).getMessage());
        assertEquals("loss 'mse' takes no settings, got delta", assertThrows(
                IllegalArgumentException.class, () -> b.loss("mse", Map.of("delta", "1")).build()).getMessage());
        Network net = b.loss("huber", Map.of("delta", "0.5")).build();
        assertEquals(Map.of("delta", "0.5"), net.architecture().lossOptions());
        assertEquals(Map.of("delta", "0.5"), net.copy().architecture().lossOptions());
    }

    @Test
    void allWeightsZeroUnderTheMeanIsAnError() {
        Network net = Network.builder(REGISTRY).input(1).recurrent("elman", 2).output(2)
                .loss("sparse_softmax_cross_entropy", Map.of("weight", "0,1")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loss(
                Sequence.wrap(1, 1, 1, new double[] {0.3}), Sequence.wrap(1, 1, 1, new double[] {0}), null));
        assertTrue(e.getMessage().startsWith("the real rows of the batch weigh 0.0 in all"), e.getMessage());
    }
}
