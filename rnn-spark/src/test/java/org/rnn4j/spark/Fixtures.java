package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.SequenceDataset;

/** Small data, networks and optimizers for the Spark tests. */
final class Fixtures {

    static final Registry REGISTRY = Registry.installed();

    private Fixtures() {
    }

    /** A text over V symbols where each symbol has two likely successors: c_i = (3 c_{i-1} + 1 + r_i) mod V. */
    static int[] text(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 1; i < n; i++) {
            t[i] = (3 * t[i - 1] + 1 + r.nextInt(2)) % vocab;
        }
        return t;
    }

    /**
     * Sequences of 1-9 random symbols whose target at step t is the symbol of step t - 1: lengths
     * vary, so batches are padded and masked, and shards get unequal numbers of real steps.
     */
    static SequenceDataset echo(int count, int vocab, long seed, int batch) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int len = 1 + r.nextInt(9);
            double[][] x = new double[len][vocab];
            double[][] d = new double[len][vocab];
            int previous = -1;
            for (int t = 0; t < len; t++) {
                int s = r.nextInt(vocab);
                x[t][s] = 1;
                d[t][previous < 0 ? s : previous] = 1;
                previous = s;
            }
            xs.add(x);
            ds.add(d);
        }
        return SequenceDataset.of(xs, ds, batch);
    }

    /** A stack of the given recurrent kinds (6 units each) under a softmax output. */
    static Network net(int vocab, Reduction reduction, long seed, String... kinds) {
        return dropped(vocab, reduction, seed, 0, kinds);
    }

    /** As {@link #net}, with dropout p between the recurrent layers. */
    static Network dropped(int vocab, Reduction reduction, long seed, double p, String... kinds) {
        var b = Network.builder(REGISTRY).input(vocab).seed(seed).dropout(p);
        for (String k : kinds) {
            b = k.equals("elman") ? b.recurrent(k, 6, Map.of("activation", "tanh")) : b.recurrent(k, 6);
        }
        return b.output(vocab).loss("softmax_cross_entropy").reduction(reduction).build();
    }

    static Optimizer sgd(String lr) {
        return REGISTRY.optimizer("sgd").create(new Options("sgd", Map.of("lr", lr)));
    }

    /** The largest |a_i - b_i| over every parameter. */
    static double maxDifference(Network a, Network b) {
        double max = 0;
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        for (int p = 0; p < pa.size(); p++) {
            for (int i = 0; i < pa.get(p).size(); i++) {
                max = Math.max(max, Math.abs(pa.get(p).value()[i] - pb.get(p).value()[i]));
            }
        }
        return max;
    }
}
