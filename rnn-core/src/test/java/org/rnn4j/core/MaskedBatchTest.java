package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/** A padded, masked batch must give what its sequences give one by one. */
class MaskedBatchTest {

    private static final int[] LENGTHS = {2, 4, 3};
    private static final int IN = 3;
    private static final int OUT = 2;

    private static Network net() {
        return Network.builder(Registry.installed()).input(IN)
                .recurrent("elman", 4, Map.of("activation", "tanh"))
                .recurrent("elman", 3, Map.of("activation", "sigmoid"))
                .output(OUT).loss("half_sse").reduction(Reduction.SUM).seed(7).build();
    }

    @Test
    void paddedBatchEqualsSequencesOneByOne() {
        SplittableRandom r = new SplittableRandom(11);
        int batch = LENGTHS.length;
        int steps = 4;
        Sequence x = NetworkGradientTest.randomSequence(r, steps, batch, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, steps, batch, OUT);
        boolean[] mask = new boolean[steps * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                mask[t * batch + b] = true;
            }
        }
        Network together = net();
        double lossTogether = together.gradients(x.withMask(mask), d, null);
        List<State> finalTogether = together.finalStates();

        Network alone = net();
        double lossAlone = 0;
        double[][] gradSum = new double[alone.parameters().size()][];
        for (int i = 0; i < gradSum.length; i++) {
            gradSum[i] = new double[alone.parameters().get(i).size()];
        }
        for (int b = 0; b < batch; b++) {
            Sequence xb = slice(x, b, LENGTHS[b]);
            Sequence db = slice(d, b, LENGTHS[b]);
            lossAlone += alone.gradients(xb, db, null);
            for (int i = 0; i < gradSum.length; i++) {
                double[] g = alone.parameters().get(i).grad();
                for (int j = 0; j < g.length; j++) {
                    gradSum[i][j] += g[j];
                }
            }
            List<State> fin = alone.finalStates();
            for (int l = 0; l < fin.size(); l++) {
                int h = fin.get(l).part(0).length;
                double[] row = new double[h];
                System.arraycopy(finalTogether.get(l).part(0), b * h, row, 0, h);
                assertArrayEquals(fin.get(l).part(0), row, 1e-14, "final state of layer " + l + ", sequence " + b);
            }
        }
        assertEquals(lossAlone, lossTogether, 1e-12);
        for (int i = 0; i < gradSum.length; i++) {
            Parameter p = together.parameters().get(i);
            assertArrayEquals(gradSum[i], p.grad(), 1e-12, p.name());
        }
    }

    @Test
    void paddingValuesDoNotMatter() {
        SplittableRandom r = new SplittableRandom(5);
        Sequence x = NetworkGradientTest.randomSequence(r, 3, 2, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, 3, 2, OUT);
        boolean[] mask = {true, true, true, false, true, false};
        Network a = net();
        double la = a.gradients(x.withMask(mask), d, null);
        double[] ga = a.parameters().get(0).grad().clone();
        Sequence x2 = x.copy();
        Sequence d2 = d.copy();
        for (int f = 0; f < IN; f++) {
            x2.set(1, 1, f, 123.0);
            x2.set(2, 1, f, -50.0);
        }
        d2.set(2, 1, 0, 99.0);
        Network b = net();
        double lb = b.gradients(x2.withMask(mask), d2, null);
        assertEquals(la, lb, 0.0);
        assertArrayEquals(ga, b.parameters().get(0).grad(), 0.0);
    }

    /** tanh under another name, counting the arguments it is applied to. */
    private static final class CountedTanh implements Activation {
        long arguments;

        @Override
        public String name() {
            return "counted_tanh";
        }

        @Override
        public double apply(double x) {
            arguments++;
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    }

    /**
     * A padded row cannot reach the output (its state is the previous step's), so the cell
     * must not evaluate its activations there: a padded batch evaluates as many as its
     * sequences one by one. (Work on padding is wasted, and a gradient check that watches
     * activations for kinks would see values that do not matter.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void noActivationIsEvaluatedOnPaddedRows(String kind) {
        CountedTanh counted = new CountedTanh();
        Registry registry = Registry.installed().toBuilder().add(counted).build();
        Map<String, String> options = kind.equals("elman") ? Map.of("activation", counted.name())
                : Map.of("gate_activation", counted.name(), "cell_activation", counted.name());
        Network net = Network.builder(registry).input(IN).recurrent(kind, 3, options).output(OUT).loss("half_sse")
                .seed(3).build();
        SplittableRandom r = new SplittableRandom(19);
        int batch = LENGTHS.length;
        Sequence x = NetworkGradientTest.randomSequence(r, 4, batch, IN);
        long alone = 0;
        for (int b = 0; b < batch; b++) {
            counted.arguments = 0;
            net.forward(slice(x, b, LENGTHS[b]), null);
            alone += counted.arguments;
        }
        counted.arguments = 0;
        net.forward(x.withMask(Cases.prefixMask(4, LENGTHS)), null);
        assertEquals(alone, counted.arguments, kind + ": activations evaluated on a padded batch");
    }

    private static Sequence slice(Sequence s, int b, int len) {
        double[] v = new double[len * s.features()];
        for (int t = 0; t < len; t++) {
            for (int f = 0; f < s.features(); f++) {
                v[t * s.features() + f] = s.get(t, b, f);
            }
        }
        return Sequence.wrap(len, 1, s.features(), v);
    }
}
