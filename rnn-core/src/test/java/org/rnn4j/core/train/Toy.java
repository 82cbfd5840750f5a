package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;

/** Small learnable tasks and networks for trainer tests. */
final class Toy {

    private Toy() {
    }

    /**
     * A text over V symbols in which each symbol has two equally likely successors,
     * c_i = (3 c_{i-1} + 1 + r_i) mod V with r_i in {0, 1}: the loss can fall from ln V to ln 2.
     */
    static int[] twoSuccessorText(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 1; i < n; i++) {
            t[i] = (3 * t[i - 1] + 1 + r.nextInt(2)) % vocab;
        }
        return t;
    }

    /**
     * Sequences of 2-8 random symbols whose target at step t is the symbol of step t - 1 (at
     * step 0, of step 0): learnable only by remembering one step.
     */
    static SequenceDataset echo(int count, int vocab, long seed, int batch) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int len = 2 + r.nextInt(7);
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

    static Network net(int vocab, int hidden, long seed) {
        return Network.builder(RandomCase.REGISTRY).input(vocab).seed(seed)
                .recurrent("elman", hidden, Map.of("activation", "tanh"))
                .output(vocab).loss("softmax_cross_entropy").build();
    }

    static Optimizer optimizer(String name, String lr) {
        return RandomCase.REGISTRY.optimizer(name).create(new Options(name, Map.of("lr", lr)));
    }
}
