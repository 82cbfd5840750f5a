package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;

/**
 * The embedding layer: a network reading indices through it computes what the same network
 * computes from one-hot rows through a bias-free dense projection of the same table, its table's
 * gradient matches finite differences, and bad indices are refused.
 */
class EmbeddingTest {

    private static final Registry REGISTRY = Registry.installed();

    private static Sequence indices(SplittableRandom r, int steps, int batch, int symbols) {
        double[] d = new double[steps * batch];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(symbols);
        }
        return Sequence.wrap(steps, batch, 1, d);
    }

    /** The rows W[i] of the embedding's table for the given indices: what the first recurrent layer sees. */
    @Test
    void itIsTheTableLookupPyTorchDoes() {
        Network net = Network.builder(REGISTRY).input(5).embedding(3).recurrent("gru", 4).lastStep().output(2)
                .loss("sparse_softmax_cross_entropy").seed(3).build();
        assertEquals(5, net.inputSize());
        assertEquals(1, net.inputFeatures());
        Parameter w = net.namedParameters().get("embedding.weight");
        assertArrayEquals(new int[] {5, 3}, w.shape());
        Network plain = Network.builder(REGISTRY).input(3).recurrent("gru", 4).lastStep().output(2)
                .loss("sparse_softmax_cross_entropy").seed(3).build();
        for (String name : plain.namedParameters().keySet()) {
            System.arraycopy(net.namedParameters().get(name).value(), 0, plain.namedParameters().get(name).value(), 0,
                    plain.namedParameters().get(name).size());
        }
        SplittableRandom r = new SplittableRandom(4);
        Sequence x = indices(r, 6, 3, 5).withMask(Cases.prefixMask(6, 6, 2, 4));
        Sequence looked = Sequence.zeros(6, 3, 3).withMask(x.mask());
        for (int row = 0; row < x.rows(); row++) {
            System.arraycopy(w.value(), (int) x.data()[row] * 3, looked.data(), row * 3, 3);
        }
        assertArrayEquals(plain.forward(looked, null).data().clone(), net.forward(x, null).data(), 0.0);
    }

    @Test
    void everyGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 12; trial++) {
            NetworkBuilder b = Network.builder(REGISTRY).input(4).embedding(1 + r.nextInt(3)).seed(trial)
                    .recurrent(trial % 2 == 0 ? "lstm" : "elman", 3).reduction(Reduction.MEAN);
            if (trial % 3 == 0) {
                b.lastStep();
            }
            Network net = b.output(2).loss("mse").build();
            int steps = 1 + r.nextInt(5);
            Sequence x = indices(r, steps, 2, 4);
            if (trial % 2 == 1) {
                x = x.withMask(Cases.prefixMask(steps, steps, 1));
            }
            Sequence target = NetworkGradientTest.randomSequence(r, trial % 3 == 0 ? 1 : steps, 2, 2);
            net.gradients(x, target, null);
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                double[] v = e.getValue().value();
                double[] analytic = e.getValue().grad().clone();
                for (int i = 0; i < v.length; i++) {
                    double keep = v[i];
                    v[i] = keep + 1e-6;
                    double up = net.loss(x, target, null);
                    v[i] = keep - 1e-6;
                    double down = net.loss(x, target, null);
                    v[i] = keep;
                    double numeric = (up - down) / 2e-6;
                    assertEquals(numeric, analytic[i], 1e-6 * Math.max(1, Math.abs(numeric)),
                            "trial " + trial + ", " + e.getKey() + "[" + i + "]");
                }
            }
            assertTrue(net.inputGradient().data().length == x.rows());
            for (double d : net.inputGradient().data()) {
                assertEquals(0.0, d, 0.0, "an index has no gradient");
            }
        }
    }

    @Test
    void trainingGradientsSkipOnlyTheInputGradient() {
        for (boolean head : new boolean[] {false, true}) {
            NetworkBuilder b = Network.builder(REGISTRY).input(6).embedding(3).recurrent("lstm", 4);
            Network net = (head ? b.pool("max") : b).output(2).loss("huber").seed(5).build();
            SplittableRandom r = new SplittableRandom(6);
            Sequence x = indices(r, 4, 3, 6);
            Sequence target = NetworkGradientTest.randomSequence(r, head ? 1 : 4, 3, 2);
            double full = net.gradients(x, target, null);
            double[][] expected = net.parameters().stream().map(p -> p.grad().clone()).toArray(double[][]::new);
            assertEquals(full, net.parameterGradients(x, target, null), 0.0);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], net.parameters().get(i).grad(), 0.0, net.parameters().get(i).name());
            }
            assertThrows(IllegalStateException.class, net::inputGradient);
        }
    }

    @Test
    void badIndicesAndMisuseAreRefused() {
        Network net = Network.builder(REGISTRY).input(3).embedding(2).recurrent("elman", 2).output(2).loss("mse")
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Sequence.wrap(2, 1, 1, new double[] {1, 3}), null));
        assertEquals("the embedding layer reads indices in [0, 3); step 1, sequence 0 holds 3.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.forward(Sequence.wrap(1, 1, 1, new double[] {0.5}),
                null));
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Sequence.wrap(1, 1, 3, new double[] {0, 1, 0}), null));
        assertTrue(wide.getMessage().startsWith("the embedding layer (3 symbols -> 2) reads one index per step"),
                wide.getMessage());
        // a padded row is never read
        Sequence padded = Sequence.wrap(2, 1, 1, new double[] {2, -1}, new boolean[] {true, false});
        assertEquals(1, net.forward(padded, null).batch());
        IllegalArgumentException asRecurrent = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(REGISTRY).input(3).recurrent("embedding", 2).output(1).build());
        assertEquals("recurrent layer 0 is 'embedding', which reads indices; put it first with embedding(...)",
                asRecurrent.getMessage());
        IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(REGISTRY).input(3).embedding("dense", 2, Map.of()).recurrent("elman", 2).output(1).build());
        assertTrue(notOne.getMessage().startsWith("the embedding is 'dense', which does not read indices"),
                notOne.getMessage());
    }
}
