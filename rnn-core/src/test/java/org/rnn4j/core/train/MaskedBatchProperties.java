package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Samples;

/**
 * A padded, masked batch of variable-length sequences, each with its own initial state, gives
 * the same loss, the same gradients and the same final states as its sequences run one by one:
 * over random stacks, lengths, batch orders (a shuffled epoch), losses and reductions.
 */
class MaskedBatchProperties {

    private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "softsign"};

    @TestFactory
    Stream<DynamicTest> paddedBatchEqualsItsSequencesOneByOne() {
        return IntStream.range(0, RandomCase.tries()).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> check(seed)));
    }

    private static void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int in = 1 + r.nextInt(3);
        int out = 1 + r.nextInt(3);
        int count = 1 + r.nextInt(4);
        int maxLen = 1 + r.nextInt(6);
        boolean softmax = out > 1 && r.nextBoolean();
        Reduction reduction = r.nextBoolean() ? Reduction.SUM : Reduction.MEAN;
        int depth = 1 + r.nextInt(3);
        int[] hidden = new int[depth];
        String[] acts = new String[depth];
        for (int l = 0; l < depth; l++) {
            hidden[l] = 1 + r.nextInt(4);
            acts[l] = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
        }
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        List<List<State>> h0 = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int len = 1 + r.nextInt(maxLen);
            Sequence x = Samples.randomSequence(r, len, 1, in);
            Sequence d = softmax ? Samples.randomDistributions(r, len, 1, out)
                    : Samples.randomSequence(r, len, 1, out);
            xs.add(rows(x));
            ds.add(rows(d));
            List<State> states = new ArrayList<>();
            for (int h : hidden) {
                double[] s = new double[h];
                for (int i = 0; i < h; i++) {
                    s[i] = r.nextBoolean() ? 0.0 : r.nextDouble(-0.9, 0.9);
                }
                states.add(new State(s));
            }
            h0.add(states);
        }
        SequenceDataset data = SequenceDataset.of(xs, ds, count);
        Iterator<Batch> epoch = data.epoch(new SplittableRandom(seed + 1), 0);
        Batch batch = epoch.next();
        int[] order = batch.examples();
        List<List<State>> h0InOrder = new ArrayList<>();
        for (int e : order) {
            h0InOrder.add(h0.get(e));
        }

        Network together = net(seed, in, out, hidden, acts, softmax, reduction);
        double lossTogether = together.gradients(batch.input(), batch.target(), BatchStates.stack(h0InOrder));
        List<State> finalTogether = together.finalStates();
        int real = batch.realSteps();
        double scale = reduction == Reduction.MEAN ? real : 1.0;

        Network alone = net(seed, in, out, hidden, acts, softmax, Reduction.SUM);
        double lossAlone = 0;
        List<double[]> gradSum = TruncatedBpttTest.grads(alone);
        gradSum.forEach(g -> Arrays.fill(g, 0.0));
        for (int b = 0; b < order.length; b++) {
            int e = order[b];
            lossAlone += alone.gradients(sequence(xs.get(e)), sequence(ds.get(e)), h0.get(e));
            for (int p = 0; p < gradSum.size(); p++) {
                double[] g = alone.parameters().get(p).grad();
                for (int i = 0; i < g.length; i++) {
                    gradSum.get(p)[i] += g[i];
                }
            }
            List<State> mine = BatchStates.row(finalTogether, b, order.length);
            List<State> own = alone.finalStates();
            for (int l = 0; l < depth; l++) {
                near(own.get(l).part(0), mine.get(l).part(0), "final state of layer " + l + ", example " + e);
            }
        }
        assertEquals(lossAlone, lossTogether * scale, 1e-12 * Math.max(1, Math.abs(lossAlone)), "loss");
        for (int p = 0; p < gradSum.size(); p++) {
            double[] g = together.parameters().get(p).grad().clone();
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
            near(gradSum.get(p), g, together.parameters().get(p).name() + " gradient");
        }
    }

    private static Network net(long seed, int in, int out, int[] hidden, String[] acts, boolean softmax,
            Reduction reduction) {
        NetworkBuilder b = Network.builder(RandomCase.REGISTRY).input(in).seed(seed).reduction(reduction)
                .loss(softmax ? "softmax_cross_entropy" : "half_sse");
        for (int l = 0; l < hidden.length; l++) {
            b.recurrent("elman", hidden[l], Map.of("activation", acts[l]));
        }
        return b.output("dense", out, Map.of()).build();
    }

    private static void near(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-12 * Math.max(1, Math.abs(expected[i]))) {
                fail(what + "[" + i + "]: one by one " + expected[i] + ", in the padded batch " + actual[i]);
            }
        }
    }

    private static double[][] rows(Sequence s) {
        double[][] v = new double[s.steps()][s.features()];
        for (int t = 0; t < s.steps(); t++) {
            for (int f = 0; f < s.features(); f++) {
                v[t][f] = s.get(t, 0, f);
            }
        }
        return v;
    }

    private static Sequence sequence(double[][] rows) {
        return Sequence.of(rows);
    }
}
