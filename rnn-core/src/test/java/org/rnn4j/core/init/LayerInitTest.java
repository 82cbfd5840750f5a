package org.rnn4j.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/** Initialisers chosen per layer through the builder's options {@code init}, {@code init_hh}, {@code init_bias}. */
class LayerInitTest {

    private static final Registry REGISTRY = Registry.installed();

    private static Network build(long seed, Map<String, String> layer0, Map<String, String> output) {
        return Network.builder(REGISTRY).input(5).seed(seed)
                .recurrent("elman", 6, layer0)
                .recurrent("elman", 4)
                .output("dense", 3, output)
                .build();
    }

    private static double[] value(Network n, String name) {
        return n.namedParameters().get(name).value();
    }

    @Test
    void initHhMakesTheRecurrentWeightsOrthogonalAndLeavesTheRestAsMade() {
        Network plain = build(3, Map.of("activation", "tanh"), Map.of());
        Network ortho = build(3, Map.of("activation", "tanh", "init_hh", "orthogonal"), Map.of());
        double[] w = value(ortho, "layer0.weight_hh");
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double dot = 0;
                for (int k = 0; k < 6; k++) {
                    dot += w[k * 6 + i] * w[k * 6 + j];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12, "W^T W [" + i + "," + j + "]");
            }
        }
        assertFalse(Arrays.equals(value(plain, "layer0.weight_hh"), w));
        for (String name : List.of("layer0.weight_ih", "layer0.bias", "layer1.weight_hh", "output.weight")) {
            assertArrayEquals(value(plain, name), value(ortho, name), 0.0, name + " is as the provider made it");
        }
    }

    @Test
    void initAndInitBiasReachInputAndOutputWeightsAndBiases() {
        Network n = build(4, Map.of("init", "xavier_uniform", "init_bias", "zeros"),
                Map.of("init", "zeros", "init_bias", "zeros"));
        double a = Math.sqrt(6.0 / (5 + 6));
        double max = 0;
        for (double v : value(n, "layer0.weight_ih")) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= a && max > 0.5 * a, "xavier bound " + a + ", max " + max);
        assertArrayEquals(new double[6], value(n, "layer0.bias"), 0.0);
        assertArrayEquals(new double[3 * 4], value(n, "output.weight"), 0.0);
        assertArrayEquals(new double[3], value(n, "output.bias"), 0.0);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Map<String, String> opts = Map.of("init", "xavier_uniform", "init_hh", "orthogonal");
        Network a = build(11, opts, Map.of("init", "xavier_uniform"));
        Network b = build(11, opts, Map.of("init", "xavier_uniform"));
        Network c = build(12, opts, Map.of("init", "xavier_uniform"));
        for (String name : a.namedParameters().keySet()) {
            assertArrayEquals(value(a, name), value(b, name), 0.0, name);
        }
        assertFalse(Arrays.equals(value(a, "layer0.weight_hh"), value(c, "layer0.weight_hh")));
    }

    @Test
    void badChoicesAreRejectedNamingLayerOptionAndAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> build(1, Map.of("init_hh", "glorot"), Map.of()));
        assertTrue(e.getMessage().contains("recurrent layer 0 ('elman')") && e.getMessage().contains("init_hh")
                && e.getMessage().contains("pytorch, xavier_uniform, orthogonal, zeros") && e.getMessage().contains("'glorot'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> build(1, Map.of(), Map.of("init_bias", "orthogonal")));
        assertTrue(e.getMessage().contains("output layer ('dense')") && e.getMessage().contains("init_bias must be pytorch or zeros"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> build(1, Map.of(), Map.of("init_hh", "orthogonal")));
        assertTrue(e.getMessage().contains("output layer ('dense'): init_hh is set but the layer has no recurrent weights"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> build(1, Map.of("bias", "false", "init_bias", "zeros"), Map.of()));
        assertTrue(e.getMessage().contains("init_bias is set but the layer has no biases"), e.getMessage());
    }

    /** W^T W = I for every gate block of H rows of a g*H x H matrix. */
    private static void requireOrthogonalBlocks(double[] w, int gates, int h, String what) {
        for (int g = 0; g < gates; g++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    double dot = 0;
                    for (int k = 0; k < h; k++) {
                        dot += w[(g * h + k) * h + i] * w[(g * h + k) * h + j];
                    }
                    assertEquals(i == j ? 1 : 0, dot, 1e-12, what + ", gate " + g + ", W^T W [" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void gatedLayersAndTheirReverseDirectionGetOrthogonalGateBlocks() {
        Network n = Network.builder(REGISTRY).input(3).seed(8)
                .recurrent("lstm", 4, Map.of("init_hh", "orthogonal", "bidirectional", "true"))
                .recurrent("gru", 5, Map.of("init_hh", "orthogonal", "init_bias", "zeros"))
                .output(2).build();
        requireOrthogonalBlocks(value(n, "layer0.weight_hh"), 4, 4, "lstm");
        requireOrthogonalBlocks(value(n, "layer0.weight_hh_reverse"), 4, 4, "lstm reverse");
        requireOrthogonalBlocks(value(n, "layer1.weight_hh"), 3, 5, "gru");
        assertArrayEquals(new double[15], value(n, "layer1.bias_ih"), 0.0);
        assertArrayEquals(new double[15], value(n, "layer1.bias_hh"), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.builder(REGISTRY)
                .input(3).recurrent("lstm", 4, Map.of("forget_bias", "1", "init_bias", "zeros")).output(2).build());
        assertTrue(e.getMessage().contains("init_bias and forget_bias"), e.getMessage());
    }

    /** A stand-in for an LSTM's parameters (gates stacked: 4H rows), to check blocks and fans. */
    private static final class FourGates implements Layer {
        static final int H = 3;
        static final int I = 2;
        private final List<Parameter> ps = List.of(new Parameter("weight_ih", 4 * H, I),
                new Parameter("weight_hh", 4 * H, H), new Parameter("bias_ih", 4 * H), new Parameter("bias_hh", 4 * H));

        @Override
        public String kind() {
            return "four_gates";
        }

        @Override
        public int inputSize() {
            return I;
        }

        @Override
        public int outputSize() {
            return H;
        }

        @Override
        public List<Parameter> parameters() {
            return ps;
        }

        @Override
        public Sequence forward(Sequence x, State initial) {
            throw new UnsupportedOperationException("parameters only");
        }

        @Override
        public Sequence backward(Sequence dy) {
            throw new UnsupportedOperationException("parameters only");
        }
    }

    @Test
    void gatedWeightsAreOrthogonalPerGateBlockAndBiasesUseTheHiddenSizeAsFan() {
        FourGates layer = new FourGates();
        LayerInit.parse("test layer", Map.of("init", "orthogonal", "init_hh", "orthogonal", "init_bias", "pytorch"))
                .apply("test layer", layer, true, new SplittableRandom(5));
        int h = FourGates.H;
        requireOrthogonalBlocks(layer.parameters().get(1).value(), 4, h, "four gates");
        assertEquals(4, LayerInit.shapeOf(layer.parameters().get(0), layer.parameters(), layer, true).blocks(),
                "weight_ih has the blocks of its weight_hh");
        double max = 0;
        for (Parameter p : layer.parameters().subList(2, 4)) {
            for (double v : p.value()) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertTrue(max <= 1 / Math.sqrt(h), "PyTorch's bound 1/sqrt(H) = " + 1 / Math.sqrt(h) + ", max " + max);
        assertTrue(max > 1 / Math.sqrt(4 * h), "wider than 1/sqrt(4H): the fan is H, max " + max);
    }
}
