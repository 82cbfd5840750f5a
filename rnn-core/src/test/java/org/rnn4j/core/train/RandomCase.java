package org.rnn4j.core.train;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Cases;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.core.Samples;

/**
 * A random stacked network with a random batch, drawn from a seed: 1-3 layers of 1-4 units,
 * each elman (with a smooth activation), lstm or gru; half_sse or softmax cross-entropy, sum
 * or mean; optionally a mask and given initial states.
 *
 * @param description what was drawn, for test names
 * @param net the network
 * @param x the input batch
 * @param target the targets
 * @param initial initial states, or null
 */
record RandomCase(String description, Network net, Sequence x, Sequence target, List<State> initial) {

    static final Registry REGISTRY = Registry.installed();
    private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "softsign"};
    private static final String[] KINDS = {"elman", "lstm", "gru"};

    /**
     * @param seed the seed
     * @param minSteps the fewest steps T to draw
     * @param maxSteps the most steps T to draw
     * @param masks whether to draw masks
     */
    static RandomCase draw(long seed, int minSteps, int maxSteps, boolean masks) {
        SplittableRandom r = new SplittableRandom(seed);
        int in = 1 + r.nextInt(3);
        int out = 2 + r.nextInt(3);
        int steps = minSteps + r.nextInt(maxSteps - minSteps + 1);
        int batch = 1 + r.nextInt(3);
        boolean softmax = r.nextBoolean();
        Reduction reduction = r.nextBoolean() ? Reduction.SUM : Reduction.MEAN;
        NetworkBuilder b = Network.builder(REGISTRY).input(in).seed(seed)
                .loss(softmax ? "softmax_cross_entropy" : "half_sse").reduction(reduction);
        StringBuilder d = new StringBuilder("in " + in);
        int depth = 1 + r.nextInt(3);
        for (int l = 0; l < depth; l++) {
            recurrent(r, b, d);
        }
        b.output("dense", out, Map.of());
        d.append(" -> dense ").append(out).append(softmax ? ", softmax CE" : ", half_sse").append(", ")
                .append(reduction).append(", T ").append(steps).append(", B ").append(batch);
        Sequence x = Samples.randomSequence(r, steps, batch, in);
        if (masks && batch > 1 && r.nextBoolean()) {
            x = x.withMask(Samples.randomLengthMask(r, steps, batch));
            d.append(", masked");
        }
        Sequence target = softmax ? Samples.randomDistributions(r, steps, batch, out)
                : Samples.randomSequence(r, steps, batch, out);
        Network net = b.build();
        List<State> initial = null;
        if (r.nextBoolean()) {
            initial = Cases.randomInitial(r, net, batch);
            d.append(", given h0");
        }
        return new RandomCase(d.toString(), net, x, target, initial);
    }

    /** Adds a random elman (of a random activation), lstm or gru layer of 1-4 units. */
    static void recurrent(SplittableRandom r, NetworkBuilder b, StringBuilder d) {
        int h = 1 + r.nextInt(4);
        String kind = KINDS[r.nextInt(KINDS.length)];
        if (kind.equals("elman")) {
            String act = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
            b.recurrent(kind, h, Map.of("activation", act));
            d.append(" -> elman ").append(h).append(' ').append(act);
        } else {
            b.recurrent(kind, h);
            d.append(" -> ").append(kind).append(' ').append(h);
        }
    }

    /** @return the number of property tries, -Drnn4j.tries (default 100) */
    static int tries() {
        return Integer.getInteger("rnn4j.tries", 100);
    }
}
