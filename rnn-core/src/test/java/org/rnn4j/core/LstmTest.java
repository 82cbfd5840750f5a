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

/** The lstm layer: PyTorch's equations and layout, its options, its state and its gradients. */
class LstmTest {

    private static final int IN = 3;
    private static final int H = 2;
    private static final int B = 2;
    private static final int T = 2;

    @Test
    void stepsFollowPyTorchsDocumentedEquations() {
        Layer lstm = Layers.make("lstm", IN, H, Map.of());
        SplittableRandom r = new SplittableRandom(3);
        Layers.randomize(lstm, r, 0.8);
        Sequence x = NetworkGradientTest.randomSequence(r, T, B, IN);
        State s0 = new State(values(r, B * H), values(r, B * H));
        Sequence y = lstm.forward(x, s0);
        State last = lstm.finalState();
        for (int b = 0; b < B; b++) {
            double[] h = Arrays.copyOfRange(s0.part(0), b * H, (b + 1) * H);
            double[] c = Arrays.copyOfRange(s0.part(1), b * H, (b + 1) * H);
            for (int t = 0; t < T; t++) {
                double[][] hc = referenceStep(lstm, row(x, t, b), h, c);
                h = hc[0];
                c = hc[1];
                for (int j = 0; j < H; j++) {
                    assertEquals(h[j], y.get(t, b, j), 1e-14, "h at step " + t + ", sequence " + b + ", unit " + j);
                }
            }
            for (int j = 0; j < H; j++) {
                assertEquals(h[j], last.part(0)[b * H + j], 1e-14, "final h");
                assertEquals(c[j], last.part(1)[b * H + j], 1e-14, "final c");
            }
        }
    }

    /** torch.nn.LSTM's documentation, gate by gate, written without the layer's code. */
    private static double[][] referenceStep(Layer lstm, double[] x, double[] h, double[] c) {
        Parameter wIh = Layers.parameter(lstm, "weight_ih");
        Parameter wHh = Layers.parameter(lstm, "weight_hh");
        Parameter bIh = Layers.parameter(lstm, "bias_ih");
        Parameter bHh = Layers.parameter(lstm, "bias_hh");
        double[][] gate = new double[4][H]; // i, f, g, o
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < H; j++) {
                int row = k * H + j;
                double a = bIh.value()[row] + bHh.value()[row];
                for (int i = 0; i < IN; i++) {
                    a += Layers.at(wIh, row, i, IN) * x[i];
                }
                for (int m = 0; m < H; m++) {
                    a += Layers.at(wHh, row, m, H) * h[m];
                }
                gate[k][j] = k == 2 ? Math.tanh(a) : Layers.sigmoid(a);
            }
        }
        double[] c1 = new double[H];
        double[] h1 = new double[H];
        for (int j = 0; j < H; j++) {
            c1[j] = gate[1][j] * c[j] + gate[0][j] * gate[2][j];
            h1[j] = gate[3][j] * Math.tanh(c1[j]);
        }
        return new double[][] {h1, c1};
    }

    @Test
    void parametersHavePyTorchsNamesShapesAndInitialisation() {
        Layer lstm = Layers.make("lstm", IN, 4, Map.of());
        assertEquals(List.of("weight_ih[16, 3]", "weight_hh[16, 4]", "bias_ih[16]", "bias_hh[16]"),
                lstm.parameters().stream().map(Parameter::toString).toList());
        assertArrayEquals(new int[] {4, 4}, lstm.stateSizes());
        double bound = 1 / Math.sqrt(4);
        for (Parameter p : lstm.parameters()) {
            double max = Arrays.stream(p.value()).map(Math::abs).max().orElseThrow();
            assertTrue(max <= bound, p.name() + " within 1/sqrt(H), max " + max);
            assertTrue(max > bound / 2, p.name() + " spread over the interval, max " + max);
        }
        Layer noBias = Layers.make("lstm", IN, 4, Map.of("bias", "false"));
        assertEquals(List.of("weight_ih", "weight_hh"), noBias.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void forgetBiasGoesToTheForgetSliceOfBiasIhAndZeroesItInBiasHh() {
        Layer plain = Layers.make("lstm", IN, H, Map.of());
        Layer lstm = Layers.make("lstm", IN, H, Map.of("forget_bias", "1"));
        double[] bIh = Layers.parameter(lstm, "bias_ih").value();
        double[] bHh = Layers.parameter(lstm, "bias_hh").value();
        double[] plainIh = Layers.parameter(plain, "bias_ih").value();
        double[] plainHh = Layers.parameter(plain, "bias_hh").value();
        for (int row = 0; row < 4 * H; row++) {
            boolean forget = row >= H && row < 2 * H;
            assertEquals(forget ? 1.0 : plainIh[row], bIh[row], "bias_ih row " + row);
            assertEquals(forget ? 0.0 : plainHh[row], bHh[row], "bias_hh row " + row);
        }
    }

    @Test
    void aCarriedStateIsTheSameAsOneLongSequence() {
        SplittableRandom r = new SplittableRandom(8);
        Layer lstm = Layers.make("lstm", IN, H, Map.of());
        Sequence x = NetworkGradientTest.randomSequence(r, 4, B, IN);
        double[] whole = lstm.forward(x, null).data().clone();
        int half = 2 * B * IN;
        Sequence first = Sequence.wrap(2, B, IN, Arrays.copyOfRange(x.data(), 0, half));
        Sequence second = Sequence.wrap(2, B, IN, Arrays.copyOfRange(x.data(), half, 2 * half));
        lstm.forward(first, null);
        double[] tail = lstm.forward(second, lstm.finalState()).data();
        assertArrayEquals(Arrays.copyOfRange(whole, 2 * B * H, 4 * B * H), tail, 0.0);
    }

    @Test
    void gradientsOfParametersInputAndBothStateBlocksMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(21);
        Network net = Network.builder(Layers.REGISTRY).input(IN).recurrent("lstm", 3, Map.of("forget_bias", "1"))
                .output(2).loss("half_sse").reduction(Reduction.SUM).seed(4).build();
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 3, IN).withMask(Cases.prefixMask(4, 4, 2, 3));
        Sequence d = NetworkGradientTest.randomSequence(r, 4, 3, 2);
        assertNull(GradientCheck.firstDisagreement(net, x, d, Cases.randomInitial(r, net, 3)));
    }

    @Test
    void badOptionsAndShapesAreExplained() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("lstm", IN, H, Map.of("forget_gate_bias", "1")));
        assertTrue(unknown.getMessage().contains("no setting forget_gate_bias"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("its settings are activation, bias, cell_activation, forget_bias, "
                + "gate_activation"), unknown.getMessage());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("lstm", IN, H, Map.of("gate_activation", "sigmod")));
        assertTrue(act.getMessage().contains("sigmoid, softplus, softsign, tanh (org.rnn4j.activations)"),
                act.getMessage());
        IllegalArgumentException noBias = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("lstm", IN, H, Map.of("forget_bias", "1", "bias", "false")));
        assertTrue(noBias.getMessage().contains("forget_bias") && noBias.getMessage().contains("bias=true"),
                noBias.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("lstm", IN, H, Map.of("forget_bias", "NaN")));
        assertTrue(nan.getMessage().contains("forget_bias"), nan.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> Layers.make("lstm", IN, H, Map.of("activation", "tanh", "cell_activation", "softsign")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());

        Layer lstm = Layers.make("lstm", IN, H, Map.of());
        IllegalArgumentException oneBlock = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Sequence.zeros(2, B, IN), new State(new double[B * H])));
        assertTrue(oneBlock.getMessage().contains("lstm layer (3 -> 2) has 2 state block(s)"), oneBlock.getMessage());
        double[] c0 = new double[B * H];
        c0[3] = Double.NaN;
        IllegalArgumentException nanState = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Sequence.zeros(2, B, IN), new State(new double[B * H], c0)));
        assertTrue(nanState.getMessage().contains("NaN in initial state block 1 at 3 (the state given, or the one "
                + "carried from an earlier batch or chunk)"), nanState.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Sequence.zeros(2, B, IN + 1), null));
        assertTrue(wide.getMessage().contains("lstm layer (3 -> 2) expects 3 features"), wide.getMessage());
        assertThrows(IllegalStateException.class, () -> Layers.make("lstm", IN, H, Map.of()).backward(
                Sequence.zeros(1, 1, H)));
    }

    static double[] values(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-0.9, 0.9);
        }
        return v;
    }

    static double[] row(Sequence s, int t, int b) {
        double[] v = new double[s.features()];
        for (int f = 0; f < v.length; f++) {
            v[f] = s.get(t, b, f);
        }
        return v;
    }
}
