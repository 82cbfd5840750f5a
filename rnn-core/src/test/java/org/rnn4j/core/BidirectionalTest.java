package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.layers.Bidirectional;

/** The bidirectional wrapper: what each direction reads, names, states and gradients. */
class BidirectionalTest {

    private static final int IN = 3;
    private static final int H = 2;
    private static final int[] LENGTHS = {4, 2, 3};
    private static final int T = 4;

    private static Network net(String kind) {
        return Network.builder(Layers.REGISTRY).input(IN).recurrent(kind, H, Map.of("bidirectional", "true"))
                .output(2).loss("half_sse").seed(9).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void eachDirectionReadsEachSequenceOverItsOwnLength(String kind) {
        SplittableRandom r = new SplittableRandom(12);
        Network net = net(kind);
        Bidirectional bi = (Bidirectional) net.recurrentLayers().get(0);
        int batch = LENGTHS.length;
        Sequence x = NetworkGradientTest.randomSequence(r, T, batch, IN).withMask(Cases.prefixMask(T, LENGTHS));
        State initial = Cases.randomInitial(r, net, batch).get(0);
        Sequence y = bi.forward(x, initial).copy();
        State last = bi.finalState();
        int blocks = bi.forwardLayer().stateSizes().length;
        for (int b = 0; b < batch; b++) {
            int len = LENGTHS[b];
            Sequence alone = slice(x, b, len, false);
            Sequence backwards = slice(x, b, len, true);
            double[] yf = bi.forwardLayer().forward(alone, rows(initial, 0, blocks, b)).data();
            State lastF = bi.forwardLayer().finalState();
            double[] yr = bi.reverseLayer().forward(backwards, rows(initial, blocks, 2 * blocks, b)).data();
            State lastR = bi.reverseLayer().finalState();
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < H; j++) {
                    assertEquals(yf[t * H + j], y.get(t, b, j), 1e-15, "forward output, step " + t + ", seq " + b);
                    assertEquals(yr[(len - 1 - t) * H + j], y.get(t, b, H + j), 1e-15,
                            "reverse output, step " + t + ", seq " + b);
                }
            }
            for (int k = 0; k < blocks; k++) {
                assertArrayEquals(lastF.part(k), Arrays.copyOfRange(last.part(k), b * H, (b + 1) * H), 1e-15);
                assertArrayEquals(lastR.part(k), Arrays.copyOfRange(last.part(blocks + k), b * H, (b + 1) * H), 1e-15);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void gradientsMatchFiniteDifferencesWithPaddingAnywhere(String kind) {
        SplittableRandom r = new SplittableRandom(kind.hashCode());
        Network net = net(kind);
        Sequence x = NetworkGradientTest.randomSequence(r, T, 3, IN).withMask(Cases.randomMask(r, T, 3, true));
        Sequence d = NetworkGradientTest.randomSequence(r, T, 3, 2);
        assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 3)));
    }

    @Test
    void reverseParametersCarryPyTorchsSuffixAndTheirOwnValues() {
        Network net = net("lstm");
        Layer bi = net.recurrentLayers().get(0);
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_ih_reverse",
                "weight_hh_reverse", "bias_ih_reverse", "bias_hh_reverse"),
                bi.parameters().stream().map(Parameter::name).toList());
        assertTrue(net.namedParameters().containsKey("layer0.weight_hh_reverse"), net.namedParameters().keySet()::toString);
        assertFalse(Arrays.equals(bi.parameters().get(0).value(), bi.parameters().get(4).value()),
                "the two directions start from different weights");
        assertEquals("lstm", bi.kind());
        assertEquals(2 * H, bi.outputSize());
        assertArrayEquals(new int[] {H, H, H, H}, bi.stateSizes());
        assertEquals(2 * H, net.outputLayer().inputSize());
    }

    @Test
    void misuseIsExplained() {
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(Layers.REGISTRY).input(IN).recurrent("gru", H, Map.of("bidirectional", "yes")).output(1).build());
        assertTrue(flag.getMessage().contains("bidirectional must be true or false, got 'yes'"), flag.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(Layers.REGISTRY).input(IN).output("dense", 1, Map.of("bidirectional", "true")).build());
        assertTrue(dense.getMessage().contains("no setting bidirectional"), dense.getMessage());
        Layer a = Layers.make("lstm", IN, H, Map.of());
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(a, a));
        IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(a, Layers.make("gru", IN, H, Map.of())));
        assertTrue(kinds.getMessage().contains("lstm layer (3 -> 2) and gru layer (3 -> 2)"), kinds.getMessage());
        Bidirectional bi = new Bidirectional(a, Layers.make("lstm", IN, H, Map.of()));
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
                () -> bi.forward(Sequence.zeros(2, 1, IN), new State(new double[H], new double[H])));
        assertTrue(state.getMessage().contains("bidirectional lstm layer (3 -> 4) has 4 state block(s)"),
                state.getMessage());
    }

    /** Sequence b's first len steps as a batch of one, optionally in reverse order. */
    private static Sequence slice(Sequence s, int b, int len, boolean backwards) {
        double[] v = new double[len * s.features()];
        for (int t = 0; t < len; t++) {
            int src = backwards ? len - 1 - t : t;
            for (int f = 0; f < s.features(); f++) {
                v[t * s.features() + f] = s.get(src, b, f);
            }
        }
        return Sequence.wrap(len, 1, s.features(), v);
    }

    /** Row b of blocks [from, to) of a state. */
    private static State rows(State s, int from, int to, int b) {
        double[][] p = new double[to - from][];
        for (int k = from; k < to; k++) {
            p[k - from] = Arrays.copyOfRange(s.part(k), b * H, (b + 1) * H);
        }
        return new State(p);
    }
}
