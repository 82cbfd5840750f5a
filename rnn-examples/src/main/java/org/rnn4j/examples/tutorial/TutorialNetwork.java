package org.rnn4j.examples.tutorial;

import java.util.Map;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;

/**
 * The tutorial's network with the tutorial's own weights, built from ordinary rnn4j parts:
 * an {@code elman} layer of 3 sigmoid units on one-hot letters of "hello" (vocabulary h, e, l,
 * o), a {@code dense} output of 4 with identity activation and no bias, and the loss
 * {@code half_sse} summed over steps, with the targets equal to the inputs as the tutorial does.
 *
 * <ul>
 *   <li>input weights: the first 4 columns of the tutorial's 3 x 5 matrix; the 5th column is
 *       the bias;</li>
 *   <li>recurrent weights: the tutorial's single scalar 0.427043 times the 3 x 3 identity (each
 *       neuron sees only its own previous state);</li>
 *   <li>output weights: the tutorial's 4 x 3 matrix.</li>
 * </ul>
 */
public final class TutorialNetwork {

    /** The vocabulary, in one-hot order. */
    public static final String VOCABULARY = "helo";

    /** The tutorial's 3 x 5 input weights; column 5 is the bias. */
    static final double[][] INPUT_WEIGHTS = {
        {0.287027, 0.84606, 0.572392, 0.486813, 0.56700},
        {0.902874, 0.871522, 0.691079, 0.18998, 0.56700},
        {0.537524, 0.09224, 0.558159, 0.491528, 0.56700},
    };

    /** The tutorial's recurrent weight, one scalar shared by the neurons. */
    static final double RECURRENT_WEIGHT = 0.427043;

    /** The tutorial's 4 x 3 output weights. */
    static final double[][] OUTPUT_WEIGHTS = {
        {0.37168, 0.974829459, 0.830034886},
        {0.39141, 0.282585823, 0.659835709},
        {0.64985, 0.09821557, 0.334287084},
        {0.91266, 0.32581642, 0.144630018},
    };

    private TutorialNetwork() {
    }

    /**
     * The network, loaded with the tutorial's weights.
     *
     * @param registry where elman, dense, sigmoid, identity and half_sse come from
     * @return a new network
     */
    public static Network create(Registry registry) {
        Network net = Network.builder(registry)
                .input(4)
                .recurrent("elman", 3, Map.of("activation", "sigmoid", "bias", "true"))
                .output("dense", 4, Map.of("activation", "identity", "bias", "false"))
                .loss("half_sse")
                .reduction(Reduction.SUM)
                .build();
        Map<String, Parameter> p = net.namedParameters();
        double[] wIh = new double[12];
        double[] bias = new double[3];
        double[] wHh = new double[9];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(INPUT_WEIGHTS[i], 0, wIh, i * 4, 4);
            bias[i] = INPUT_WEIGHTS[i][4];
            wHh[i * 3 + i] = RECURRENT_WEIGHT;
        }
        p.get("layer0.weight_ih").set(wIh);
        p.get("layer0.bias").set(bias);
        p.get("layer0.weight_hh").set(wHh);
        double[] v = new double[12];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(OUTPUT_WEIGHTS[i], 0, v, i * 3, 3);
        }
        p.get("output.weight").set(v);
        return net;
    }

    /**
     * One-hot rows for a word over {@link #VOCABULARY}, batch 1.
     *
     * @param word letters from h, e, l, o
     * @return the sequence
     * @throws IllegalArgumentException for a letter outside the vocabulary
     */
    public static Sequence oneHot(String word) {
        double[][] rows = new double[word.length()][4];
        for (int t = 0; t < word.length(); t++) {
            int i = VOCABULARY.indexOf(word.charAt(t));
            if (i < 0) {
                throw new IllegalArgumentException("'" + word.charAt(t) + "' is not in the tutorial's vocabulary "
                        + VOCABULARY);
            }
            rows[t][i] = 1;
        }
        return Sequence.of(rows);
    }
}
