package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Sequence;

/**
 * The activations inside a gated cell are plug-ins too (PyTorch cannot change them,
 * pytorch/pytorch#1173): an installed one chosen by name, or one registered by the user.
 */
class CustomGateActivationTest {

    /** A user's gate: (1 + tanh x) / 2 = sigmoid(2x), registered with the registry builder only. */
    private static final class HalfTanh implements Activation {
        int calls;

        @Override
        public String name() {
            return "half_tanh";
        }

        @Override
        public double apply(double x) {
            calls++;
            return 0.5 * (1 + Math.tanh(x));
        }

        @Override
        public double derivative(double x, double y) {
            return 2 * y * (1 - y);
        }
    }

    private static Network net(Registry registry, String kind, Map<String, String> options) {
        return Network.builder(registry).input(3).seed(13).loss("mse").recurrent(kind, 3, options)
                .recurrent(kind, 2, options).output(2).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void hardSigmoidGatesChangeTheResultAndPassTheGradientCheck(String kind) {
        check(Layers.REGISTRY, kind, "hard_sigmoid", "tanh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void aUsersOwnGateAndAnotherCellActivationDoToo(String kind) {
        HalfTanh mine = new HalfTanh();
        Registry registry = Registry.installed().toBuilder().add(mine).build();
        check(registry, kind, "half_tanh", "softsign");
        assertTrue(mine.calls > 0, "the user's activation ran");
    }

    /** Unbounded gates are no gates in the usual sense, but the layers differentiate them all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void unboundedGatesPassTheGradientCheckOnShortSequences(String kind) {
        for (String gate : new String[] {"identity", "softplus"}) {
            SplittableRandom r = new SplittableRandom(gate.length());
            Network net = net(Layers.REGISTRY, kind, Map.of("gate_activation", gate, "cell_activation", "softplus"));
            Sequence x = NetworkGradientTest.randomSequence(r, 3, 2, 3).withMask(Cases.prefixMask(3, 3, 2));
            Sequence d = NetworkGradientTest.randomSequence(r, 3, 2, 2);
            assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 2)), gate);
        }
    }

    private static void check(Registry registry, String kind, String gate, String cell) {
        SplittableRandom r = new SplittableRandom(kind.length());
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 2, 3).withMask(Cases.prefixMask(4, 4, 3));
        Sequence d = NetworkGradientTest.randomSequence(r, 4, 2, 2);
        double[] standard = net(registry, kind, Map.of()).forward(x, null).data().clone();
        Network custom = net(registry, kind, Map.of("gate_activation", gate, "cell_activation", cell));
        assertFalse(Arrays.equals(standard, custom.forward(x, null).data()),
                gate + " gates give other outputs than sigmoid gates from the same weights");
        assertNull(GradientCheck.firstDisagreement(custom, x, d, Cases.randomInitial(r, custom, 2)));
    }
}
