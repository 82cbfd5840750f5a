package org.rnn4j.examples.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;

/**
 * The custom activation in use: a stack elman(swish) -&gt; elman(tanh) -&gt; dense, with the plug-in
 * chosen by its name like any built-in, trained with Adam to output the running mean of its
 * input (y_t = mean of x_0..x_t, a task that needs the recurrence).
 */
public final class SwishStack {

    /** Steps per training sequence. */
    static final int STEPS = 6;
    /** Sequences per batch. */
    static final int BATCH = 8;

    private SwishStack() {
    }

    /**
     * The network, with {@code firstActivation} in its first layer ({@code "swish"} in the example).
     *
     * @param registry the installed plug-ins
     * @param firstActivation the first layer's activation
     * @return a new network, seeded
     */
    public static Network network(Registry registry, String firstActivation) {
        return Network.builder(registry)
                .input(1)
                .recurrent("elman", 8, Map.of("activation", firstActivation))
                .recurrent("elman", 8, Map.of("activation", "tanh"))
                .output("dense", 1, Map.of())
                .loss("mse")
                .reduction(Reduction.MEAN)
                .seed(7)
                .build();
    }

    /**
     * Trains the network on fresh random batches and records the loss of each step.
     *
     * @param net the network
     * @param registry where the optimizer comes from
     * @param steps how many Adam steps
     * @return the loss before each step
     */
    public static List<Double> train(Network net, Registry registry, int steps) {
        Optimizer adam = registry.optimizer("adam").create(new Options("optimizer 'adam'", Map.of("lr", "0.01")));
        SplittableRandom random = new SplittableRandom(11);
        List<Double> losses = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            Sequence[] batch = runningMeans(random);
            losses.add(net.gradients(batch[0], batch[1], null));
            adam.step(net.parameters());
        }
        return losses;
    }

    /** A batch of inputs in [-1, 1] and their running means. */
    static Sequence[] runningMeans(SplittableRandom random) {
        Sequence x = Sequence.zeros(STEPS, BATCH, 1);
        Sequence y = Sequence.zeros(STEPS, BATCH, 1);
        for (int b = 0; b < BATCH; b++) {
            double sum = 0;
            for (int t = 0; t < STEPS; t++) {
                double v = random.nextDouble(-1, 1);
                sum += v;
                x.set(t, b, 0, v);
                y.set(t, b, 0, sum / (t + 1));
            }
        }
        return new Sequence[] {x, y};
    }

    /**
     * Trains the swish stack for 300 steps and prints the loss every 50.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Registry registry = Registry.installed();
        System.out.println("activation 'swish' comes from " + registry.activations().stream()
                .filter(p -> p.name().equals("swish")).findFirst().orElseThrow().module());
        List<Double> losses = train(network(registry, "swish"), registry, 300);
        for (int s = 0; s < losses.size(); s += 50) {
            System.out.printf(Locale.ROOT, "step %3d  loss %.6f%n", s, losses.get(s));
        }
    }
}
