package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;

/**
 * Hidden dense layers between the head (or the recurrent stack) and the output layer: BPTT
 * through them, their names and order, and their place in the architecture and in copies.
 */
class DenseLayersTest {

    private static final Registry REGISTRY = Registry.installed();
    private static final String[] SMOOTH = {"tanh", "sigmoid", "softplus", "identity", "softsign"};

    @Test
    void gradientsThroughHeadDenseAndOutputMatchFiniteDifferencesOnPaddedBatches() {
        SplittableRandom r = new SplittableRandom(33);
        String[] kinds = {"elman", "lstm", "gru"};
        for (int trial = 0; trial < 24; trial++) {
            String head = trial % 4 == 3 ? null : List.of("last_step", "mean_pool", "max_pool").get(trial % 4);
            int steps = 1 + r.nextInt(5);
            int batch = 1 + r.nextInt(3);
            int out = 1 + r.nextInt(3);
            NetworkBuilder b = Network.builder(REGISTRY).input(2).seed(trial)
                    .reduction(r.nextBoolean() ? Reduction.SUM : Reduction.MEAN)
                    .recurrent(kinds[r.nextInt(3)], 3, r.nextBoolean() ? Map.of("bidirectional", "true") : Map.of())
                    .head(head);
            int hidden = 1 + r.nextInt(2);
            for (int d = 0; d < hidden; d++) {
                b.dense(1 + r.nextInt(4), SMOOTH[r.nextInt(SMOOTH.length)]);
            }
            boolean classes = r.nextBoolean();
            Network net = b.output(out).loss(classes ? "sparse_softmax_cross_entropy" : "mse").build();
            int rows = head == null ? steps : 1;
            Sequence x = NetworkGradientTest.randomSequence(r, steps, batch, 2);
            x = x.withMask(everySequenceReal(Cases.randomMask(r, steps, batch, r.nextBoolean()), batch));
            Sequence target;
            if (classes) {
                double[] c = new double[rows * batch];
                for (int i = 0; i < c.length; i++) {
                    c[i] = r.nextInt(out);
                }
                target = Sequence.wrap(rows, batch, 1, c);
            } else {
                target = NetworkGradientTest.randomSequence(r, rows, batch, out);
            }
            String what = "trial " + trial + ": " + net + ", T " + steps + ", B " + batch;
            assertEquals(hidden, net.denseLayers().size(), what);
            assertNull(GradientCheck.firstDisagreement(net, x, target, Cases.randomInitial(r, net, batch)), what);
        }
    }

    @Test
    void theDenseLayersComeBetweenTheHeadAndTheOutputInNamesAndOrder() {
        Network net = Network.builder(REGISTRY).input(3).recurrent("gru", 4).lastStep()
                .dense(5).dense(2, Map.of("activation", "tanh", "bias", "false")).output(3).build();
        assertEquals(List.of("layer0.weight_ih", "layer0.weight_hh", "layer0.bias_ih", "layer0.bias_hh",
                "dense0.weight", "dense0.bias", "dense1.weight", "output.weight", "output.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.copyOf(net.namedParameters().values()), net.parameters());
        assertEquals(List.of(new LayerConfig("dense", 5, Map.of("activation", "relu")),
                new LayerConfig("dense", 2, Map.of("activation", "tanh", "bias", "false"))), net.architecture().dense());
        assertEquals(4, net.denseLayers().get(0).inputSize());
        assertEquals(5, net.outputLayer().inputSize() + 3);
        assertEquals("Network[gru(3->4), last_step, dense(4->5), dense(5->2), dense(2->3), loss softmax_cross_entropy]",
                net.toString());
    }

    @Test
    void theDefaultActivationIsRelu() {
        Network net = Network.builder(REGISTRY).input(1).recurrent("elman", 2).dense(3).output(1).loss("mse").seed(4)
                .build();
        // a relu layer gives no negative value; make its pre-activation negative somewhere to see it
        net.denseLayers().get(0).parameters().get(0).value()[0] = -50;
        Sequence y = net.denseLayers().get(0).forward(Sequence.wrap(1, 1, 2, new double[] {1, 0.5}), null);
        assertEquals(0.0, y.data()[0], 0.0);
    }

    @Test
    void copiesAndRebuildsKeepTheDenseLayers() {
        Network net = Network.builder(REGISTRY).input(2).recurrent("lstm", 3).pool("mean").dense(4, "tanh")
                .output(2).loss("mse").seed(9).build();
        Sequence x = NetworkGradientTest.randomSequence(new SplittableRandom(1), 4, 3, 2);
        double[] y = net.forward(x, null).data().clone();
        assertArrayEquals(y, net.copy().forward(x, null).data(), 0.0);
        Network rebuilt = net.architecture().builder(REGISTRY).build();
        assertEquals(net.architecture(), rebuilt.architecture());
        assertArrayEquals(y, rebuilt.forward(x, null).data(), 0.0);
        Network f32 = net.to(Precision.FLOAT32);
        assertEquals(net.architecture(), f32.architecture());
        assertArrayEquals(y, f32.forward(x, null).data(), 1e-5);
        assertNotEquals(y[0], f32.forward(x, null).data()[0], "float32 computes in float32");
    }

    @Test
    void withoutDenseLayersTheNetworkIsWhatItWasBefore() {
        Architecture old = new Architecture(3, null, List.of(new LayerConfig("elman", 4, Map.of())), "last_step",
                new LayerConfig("dense", 2, Map.of()), "mse", Map.of(), Reduction.MEAN, 0, 5);
        assertEquals(List.of(), old.dense());
        Network a = old.builder(REGISTRY).build();
        Network b = Network.builder(REGISTRY).input(3).recurrent("elman", 4).lastStep().output(2).loss("mse").seed(5)
                .build();
        assertEquals(a.architecture(), b.architecture());
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value(), b.parameters().get(i).value(), 0.0);
        }
    }

    @Test
    void aBadDenseLayerIsRefusedNamingIt() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Network.builder(REGISTRY)
                .input(2).recurrent("elman", 3).dense(0).output(1).build());
        assertEquals("dense layer 0 ('dense') needs a size >= 1, got 0", size.getMessage());
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(REGISTRY).input(2).recurrent("elman", 3).dense(2).dense(2, "nope").output(1).build());
        assertEquals(true, activation.getMessage().contains("nope"), activation.getMessage());
    }

    /** A head needs a real step in every sequence: step 0 where a mask leaves none. */
    private static boolean[] everySequenceReal(boolean[] mask, int batch) {
        for (int b = 0; b < batch; b++) {
            boolean any = false;
            for (int r = b; r < mask.length; r += batch) {
                any |= mask[r];
            }
            mask[b] |= !any;
        }
        return mask;
    }
}
