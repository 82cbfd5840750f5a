package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The gru layer: PyTorch's equations and layout, its options and its gradients. */
class GruTest {

    private static final int IN = 3;
    private static final int H = 2;
    private static final int B = 2;
    private static final int T = 2;

    @Test
    void stepsFollowPyTorchsDocumentedEquations() {
        Layer gru = Layers.make("gru", IN, H, Map.of());
        SplittableRandom r = new SplittableRandom(5);
        Layers.randomize(gru, r, 0.8);
        Sequence x = NetworkGradientTest.randomSequence(r, T, B, IN);
        State s0 = new State(LstmTest.values(r, B * H));
        Sequence y = gru.forward(x, s0);
        State last = gru.finalState();
        for (int b = 0; b < B; b++) {
            double[] h = Arrays.copyOfRange(s0.part(0), b * H, (b + 1) * H);
            for (int t = 0; t < T; t++) {
                h = referenceStep(gru, LstmTest.row(x, t, b), h);
                for (int j = 0; j < H; j++) {
                    assertEquals(h[j], y.get(t, b, j), 1e-14, "h at step " + t + ", sequence " + b + ", unit " + j);
                }
            }
            assertArrayEquals(h, Arrays.copyOfRange(last.part(0), b * H, (b + 1) * H), 1e-14, "final h");
        }
    }

    /**
     * torch.nn.GRU's documentation, written without the layer's code:
     * r = s(W_ir x + b_ir + W_hr h + b_hr), z = s(W_iz x + b_iz + W_hz h + b_hz),
     * n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
     */
    private static double[] referenceStep(Layer gru, double[] x, double[] h) {
        double[][] in = new double[3][H];
        double[][] hid = new double[3][H];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < H; j++) {
                int row = k * H + j;
                in[k][j] = Layers.parameter(gru, "bias_ih").value()[row];
                hid[k][j] = Layers.parameter(gru, "bias_hh").value()[row];
                for (int i = 0; i < IN; i++) {
                    in[k][j] += Layers.at(Layers.parameter(gru, "weight_ih"), row, i, IN) * x[i];
                }
                for (int m = 0; m < H; m++) {
                    hid[k][j] += Layers.at(Layers.parameter(gru, "weight_hh"), row, m, H) * h[m];
                }
            }
        }
        double[] next = new double[H];
        for (int j = 0; j < H; j++) {
            double r = Layers.sigmoid(in[0][j] + hid[0][j]);
            double z = Layers.sigmoid(in[1][j] + hid[1][j]);
            double n = Math.tanh(in[2][j] + r * hid[2][j]);
            next[j] = (1 - z) * n + z * h[j];
        }
        return next;
    }

    @Test
    void parametersHavePyTorchsNamesShapesAndInitialisation() {
        Layer gru = Layers.make("gru", IN, 4, Map.of());
        assertEquals(List.of("weight_ih[12, 3]", "weight_hh[12, 4]", "bias_ih[12]", "bias_hh[12]"),
                gru.parameters().stream().map(Parameter::toString).toList());
        assertArrayEquals(new int[] {4}, gru.stateSizes());
        double bound = 1 / Math.sqrt(4);
        for (Parameter p : gru.parameters()) {
            double max = Arrays.stream(p.value()).map(Math::abs).max().orElseThrow();
            assertTrue(max <= bound && max > bound / 2, p.name() + " spread within 1/sqrt(H), max " + max);
        }
        Layer noBias = Layers.make("gru", IN, 4, Map.of("bias", "false"));
        assertEquals(List.of("weight_ih", "weight_hh"), noBias.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void gradientsOfParametersInputAndStateMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(22);
        for (String bias : List.of("true", "false")) {
            Network net = Network.builder(Layers.REGISTRY).input(IN).recurrent("gru", 3, Map.of("bias", bias))
                    .output(2).loss("mse").seed(6).build();
            Sequence x = NetworkGradientTest.randomSequence(r, 4, 3, IN).withMask(Cases.prefixMask(4, 1, 4, 3));
            Sequence d = NetworkGradientTest.randomSequence(r, 4, 3, 2);
            assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 3)), "bias=" + bias);
        }
    }

    @Test
    void badOptionsAreExplained() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("gru", IN, H, Map.of("forget_bias", "1")));
        assertTrue(unknown.getMessage().contains("no setting forget_bias; its settings are activation, bias, "
                + "cell_activation, gate_activation"), unknown.getMessage());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("gru", IN, H, Map.of("cell_activation", "tanhh")));
        assertTrue(act.getMessage().contains("softsign, tanh (org.rnn4j.activations)"), act.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("gru", IN, H, Map.of("bias", "yes")));
        assertTrue(flag.getMessage().contains("bias must be true or false"), flag.getMessage());
    }
}
