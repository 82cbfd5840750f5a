package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A float32 network computes in float: its outputs, states and gradients are float numbers
 * (widened exactly into the API's double arrays), not the float64 network's; it trains
 * reproducibly; and converting between precisions keeps the weights. How close float32 and
 * float64 results are is the test kit's float32 agreement property.
 */
class Float32NetworkTest {

    private static final int IN = 3;

    private static Network mixed(Precision p, long seed) {
        return Network.builder(Layers.REGISTRY).input(IN).seed(seed).loss("mse").precision(p)
                .recurrent("elman", 4, Map.of("activation", "sigmoid"))
                .recurrent("lstm", 5, Map.of("bidirectional", "true"))
                .recurrent("gru", 4)
                .output(IN).build();
    }

    private static boolean isFloat(double v) {
        return (double) (float) v == v;
    }

    private static int floats(double[] values) {
        int n = 0;
        for (double v : values) {
            n += isFloat(v) ? 1 : 0;
        }
        return n;
    }

    @Test
    void outputsStatesAndGradientsAreFloatNumbersAndDifferFromFloat64() {
        SplittableRandom r = new SplittableRandom(3);
        Network f32 = mixed(Precision.FLOAT32, 5);
        Network f64 = f32.to(Precision.FLOAT64);
        assertSame(Precision.FLOAT32, f32.precision());
        assertSame(Precision.FLOAT64, f64.precision());
        Sequence x = NetworkGradientTest.randomSequence(r, 5, 3, IN).withMask(Cases.prefixMask(5, 5, 2, 4));
        Precision.FLOAT32.round(x.data());
        Sequence d = NetworkGradientTest.randomSequence(r, 5, 3, IN);
        List<State> none = null;

        double[] y32 = f32.forward(x, none).data().clone();
        double[] y64 = f64.forward(x, none).data().clone();
        assertEquals(y32.length, floats(y32), "every float32 output is a float");
        assertTrue(floats(y64) < y64.length, "the float64 network's outputs are not all floats");
        assertNotEquals(List.of(y32), List.of(y64));
        for (State s : f32.finalStates()) {
            for (double[] part : s.parts()) {
                assertEquals(part.length, floats(part), "float32 states are floats");
            }
        }

        f32.zeroGradients();
        f32.gradients(x, d, none);
        for (Parameter p : f32.parameters()) {
            assertEquals(p.size(), floats(p.value()), p.name() + " holds floats");
            // one layer's gradient is a float sum added to zero: a float as well
            assertEquals(p.size(), floats(p.grad()), p.name() + "'s gradient is a float sum");
        }
    }

    @Test
    void convertingKeepsTheWeightsAndRoundsThemOnTheWayDown() {
        Network f64 = mixed(Precision.FLOAT64, 9);
        Network f32 = f64.to(Precision.FLOAT32);
        Network back = f32.to(Precision.FLOAT64);
        for (int i = 0; i < f64.parameters().size(); i++) {
            double[] w64 = f64.parameters().get(i).value();
            double[] w32 = f32.parameters().get(i).value();
            for (int j = 0; j < w64.length; j++) {
                assertEquals((float) w64[j], w32[j], 0.0);
            }
            assertArrayEquals(w32, back.parameters().get(i).value(), 0.0, "float32 -> float64 is exact");
        }
        Network fresh32 = mixed(Precision.FLOAT32, 9);
        for (int i = 0; i < f32.parameters().size(); i++) {
            assertArrayEquals(f32.parameters().get(i).value(), fresh32.parameters().get(i).value(), 0.0,
                    "built in float32 = built in float64 and rounded");
        }
    }

    /**
     * Between float32 layers the sequences are float-backed: each layer's output and input
     * gradient is a view of the layer's own float array (the same array batch after batch, no
     * float64 copy of it), while a float64 network's are doubles.
     */
    @Test
    void float32LayersHandEachOtherFloatBackedSequences() {
        SplittableRandom r = new SplittableRandom(11);
        Sequence x = NetworkGradientTest.randomSequence(r, 4, 2, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, 4, 2, IN);
        for (Precision p : Precision.values()) {
            Network net = mixed(p, 3);
            boolean f32 = p == Precision.FLOAT32;
            net.gradients(x, d, null);
            assertEquals(f32, net.inputGradient().isFloat(), p + " dL/dx");
            Sequence h = x;
            List<float[]> outputs = new ArrayList<>();
            for (org.rnn4j.api.Layer layer : net.recurrentLayers()) {
                h = layer.forward(h, null);
                assertEquals(f32, h.isFloat(), p + " " + layer + " output");
                outputs.add(h.floats());
            }
            Sequence y = net.outputLayer().forward(h, null);
            assertEquals(f32, y.isFloat(), p + " output layer");
            assertEquals(f32, net.outputLayer().backward(d).isFloat(), p + " output layer dL/dx");
            if (f32) {
                h = x;
                for (int i = 0; i < outputs.size(); i++) {
                    h = net.recurrentLayers().get(i).forward(h, null);
                    assertSame(outputs.get(i), h.floats(), "a float32 layer's output is its own reused array");
                }
            }
        }
    }

    /** Echoing the previous step's input, in float32 as in float64 (MixedStackTest). */
    @Test
    void trainingInFloat32LearnsADelayAndIsBitReproducible() {
        double[] first = train(Precision.FLOAT32, 7);
        assertTrue(first[1] < 0.1 * first[0], "loss falls from " + first[0] + " to " + first[1]);
        assertArrayEquals(first, train(Precision.FLOAT32, 7), 0.0, "same seed, same float32 run");
    }

    private static double[] train(Precision precision, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int steps = 6;
        int batch = 8;
        Sequence x = NetworkGradientTest.randomSequence(r, steps, batch, IN);
        precision.round(x.data());
        Sequence d = Sequence.zeros(steps, batch, IN);
        for (int t = 1; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < IN; f++) {
                    d.set(t, b, f, x.get(t - 1, b, f));
                }
            }
        }
        Network net = mixed(precision, seed);
        Optimizer adam = Layers.REGISTRY.optimizer("adam").create(new Options("adam", Map.of("lr", "0.02")));
        List<Parameter> ps = net.parameters();
        List<State> none = null;
        double before = net.loss(x, d, none);
        for (int i = 0; i < 300; i++) {
            net.zeroGradients();
            net.gradients(x, d, none);
            adam.step(ps);
            net.roundParameters();
        }
        List<Double> all = new ArrayList<>(List.of(before, net.loss(x, d, none)));
        for (Parameter p : ps) {
            for (double v : p.value()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
