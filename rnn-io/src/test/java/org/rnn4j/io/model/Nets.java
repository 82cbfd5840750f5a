package org.rnn4j.io.model;

import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;

/** Small seeded networks and inputs shared by the file tests. */
final class Nets {

    static final Registry REGISTRY = Registry.installed();
    /** A vocabulary of five characters, one of them outside the BMP, one accented. */
    static final String VOCABULARY = "he\u00e9l\uD83D\uDE00";

    private Nets() {
    }

    /** Two elman layers of 3 (tanh) over the 5-character vocabulary, a dense head of 5. */
    static Network uniform(long seed) {
        return Network.builder(REGISTRY).input(5)
                .recurrent("elman", 3, Map.of("activation", "tanh"))
                .recurrent("elman", 3, Map.of("activation", "tanh"))
                .output(5).loss("softmax_cross_entropy").seed(seed).build();
    }

    /** Two elman layers of 100 over 50 inputs: a file of about 280 kB, more than a write buffer. */
    static Network large(long seed) {
        return Network.builder(REGISTRY).input(50)
                .recurrent("elman", 100)
                .recurrent("elman", 100)
                .output(50).seed(seed).build();
    }

    /** Bidirectional lstm(4) then gru(3), dropout 0.3 between them, over 5 inputs. */
    static Network gated(long seed) {
        return Network.builder(REGISTRY).input(5)
                .recurrent("lstm", 4, Map.of("bidirectional", "true", "forget_bias", "1"))
                .recurrent("gru", 3, Map.of("gate_activation", "hard_sigmoid"))
                .dropout(0.3)
                .output(5).loss("softmax_cross_entropy").seed(seed).build();
    }

    /** Two bidirectional lstm layers of 3 with dropout 0.2: a uniform stack PyTorch names rnn.*_reverse. */
    static Network bidirectional(long seed) {
        return Network.builder(REGISTRY).input(5)
                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                .dropout(0.2)
                .output(5).loss("softmax_cross_entropy").seed(seed).build();
    }

    /** elman(4, sigmoid) then elman(3, relu, no bias), a dense head without bias, summed half_sse. */
    static Network mixed(long seed) {
        return Network.builder(REGISTRY).input(5)
                .recurrent("elman", 4, Map.of("activation", "sigmoid"))
                .recurrent("elman", 3, Map.of("activation", "relu", "bias", "false"))
                .output("dense", 2, Map.of("bias", "false", "activation", "tanh"))
                .loss("half_sse").reduction(Reduction.SUM).seed(seed).build();
    }

    /** A random batch of one-hot steps over {@code features}. */
    static Sequence oneHot(long seed, int steps, int batch, int features) {
        SplittableRandom r = new SplittableRandom(seed);
        Sequence x = Sequence.zeros(steps, batch, features);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                x.set(t, b, r.nextInt(features), 1.0);
            }
        }
        return x;
    }

    /** The network's output on {@code x}, copied. */
    static double[] outputs(Network net, Sequence x) {
        return net.forward(x, null).data().clone();
    }
}
