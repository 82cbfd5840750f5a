package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/** Stacks that mix recurrent kinds are gradient-checked and trained like uniform ones. */
class MixedStackTest {

    private static final int IN = 3;

    private static Network elmanLstmGru(long seed) {
        return Network.builder(Layers.REGISTRY).input(IN).seed(seed).loss("mse")
                .recurrent("elman", 4, Map.of("activation", "sigmoid"))
                .recurrent("lstm", 5, Map.of("forget_bias", "1"))
                .recurrent("gru", 4)
                .output(IN).build();
    }

    @Test
    void elmanLstmGruDenseMatchesFiniteDifferencesWithMasksAndStates() {
        SplittableRandom r = new SplittableRandom(31);
        Network net = elmanLstmGru(2);
        Sequence x = NetworkGradientTest.randomSequence(r, 5, 3, IN).withMask(Cases.prefixMask(5, 5, 2, 4));
        Sequence d = NetworkGradientTest.randomSequence(r, 5, 3, IN);
        assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 3)));
    }

    @Test
    void fiveDeepBidirectionalMixMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(32);
        Network net = Network.builder(Layers.REGISTRY).input(2).seed(8).loss("softmax_cross_entropy")
                .recurrent("gru", 2, Map.of("bidirectional", "true"))
                .recurrent("elman", 3, Map.of("activation", "softsign"))
                .recurrent("lstm", 2, Map.of("bidirectional", "true", "cell_activation", "softsign"))
                .recurrent("lstm", 2, Map.of("bias", "false"))
                .recurrent("gru", 3, Map.of("gate_activation", "softsign", "bidirectional", "true"))
                .output(3).build();
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 2, 2).withMask(Cases.prefixMask(4, 3, 4));
        Sequence d = NetworkGradientTest.randomDistributions(r, 4, 2, 3);
        assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 2)));
    }

    /** Learning to echo the previous step's input needs the recurrent state of every layer. */
    @Test
    void trainingWithAdamLearnsADelayAndIsReproducible() {
        double[] first = train(7);
        assertTrue(first[1] < 0.1 * first[0], "loss falls from " + first[0] + " to " + first[1]);
        assertArrayEquals(first, train(7), 0.0, "same seed, same run");
    }

    private static double[] train(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int steps = 6;
        int batch = 8;
        Sequence x = NetworkGradientTest.randomSequence(r, steps, batch, IN);
        Sequence d = Sequence.zeros(steps, batch, IN);
        for (int t = 1; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < IN; f++) {
                    d.set(t, b, f, x.get(t - 1, b, f));
                }
            }
        }
        Network net = elmanLstmGru(seed);
        Optimizer adam = Layers.REGISTRY.optimizer("adam").create(new Options("adam", Map.of("lr", "0.02")));
        List<Parameter> ps = net.parameters();
        List<State> none = null;
        double before = net.loss(x, d, none);
        for (int i = 0; i < 300; i++) {
            net.gradients(x, d, none);
            adam.step(ps);
        }
        return new double[] {before, net.loss(x, d, none)};
    }
}
