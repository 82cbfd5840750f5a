package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Cases;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Samples;

/**
 * A padded, masked batch of variable-length sequences, each with its own initial state, gives
 * the same loss, the same gradients and the same final states as its sequences run one by one:
 * over random stacks of elman, lstm and gru layers, lengths, batch orders (a shuffled epoch),
 * losses and reductions.
 */
class MaskedBatchProperties {

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
        NetworkBuilder builder = Network.builder(RandomCase.REGISTRY).input(in).seed(seed)
                .loss(softmax ? "softmax_cross_entropy" : "half_sse");
        StringBuilder drawn = new StringBuilder("in " + in);
        int depth = 1 + r.nextInt(3);
        for (int l = 0; l < depth; l++) {
            RandomCase.recurrent(r, builder, drawn);
        }
        builder.output("dense", out, Map.of());
        Network together = builder.reduction(reduction).build();
        Network alone = builder.reduction(Reduction.SUM).build();
        String what = drawn + ", " + count + " sequences, " + reduction + ": ";

        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        List<List<State>> h0 = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int len = 1 + r.nextInt(maxLen);
            xs.add(rows(Samples.randomSequence(r, len, 1, in)));
            ds.add(rows(softmax ? Samples.randomDistributions(r, len, 1, out) : Samples.randomSequence(r, len, 1, out)));
            h0.add(Cases.randomInitial(r, together, 1));
        }
        SequenceDataset data = SequenceDataset.of(xs, ds, count);
        Batch batch = data.epoch(new SplittableRandom(seed + 1), 0).next();
        int[] order = batch.examples();
        List<List<State>> h0InOrder = new ArrayList<>();
        for (int e : order) {
            h0InOrder.add(h0.get(e));
        }

        double lossTogether = together.gradients(batch.input(), batch.target(), BatchStates.stack(h0InOrder));
        List<State> finalTogether = together.finalStates();
        double scale = reduction == Reduction.MEAN ? batch.realSteps() : 1.0;

        double lossAlone = 0;
        List<double[]> gradSum = TruncatedBpttTest.grads(alone);
        gradSum.forEach(g -> Arrays.fill(g, 0.0));
        for (int b = 0; b < order.length; b++) {
            int e = order[b];
            lossAlone += alone.gradients(Sequence.of(xs.get(e)), Sequence.of(ds.get(e)), h0.get(e));
            for (int p = 0; p < gradSum.size(); p++) {
                double[] g = alone.parameters().get(p).grad();
                for (int i = 0; i < g.length; i++) {
                    gradSum.get(p)[i] += g[i];
                }
            }
            List<State> mine = BatchStates.row(finalTogether, b, order.length);
            List<State> own = alone.finalStates();
            for (int l = 0; l < depth; l++) {
                for (int k = 0; k < own.get(l).parts().length; k++) {
                    near(own.get(l).part(k), mine.get(l).part(k), what + "final state block " + k + " of layer " + l
                            + ", example " + e);
                }
            }
        }
        assertEquals(lossAlone, lossTogether * scale, 1e-12 * Math.max(1, Math.abs(lossAlone)), what + "loss");
        for (int p = 0; p < gradSum.size(); p++) {
            double[] g = together.parameters().get(p).grad().clone();
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
            near(gradSum.get(p), g, what + together.parameters().get(p).name() + " gradient");
        }
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
}
