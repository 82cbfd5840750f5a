package org.rnn4j.examples.reber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.examples.charlm.OneHot;
import org.rnn4j.examples.charlm.Sampler;
import org.rnn4j.examples.charlm.Vocabulary;

/**
 * How well a trained model knows the embedded Reber grammar, measured two ways.
 *
 * <p><b>Acceptance.</b> Sample n strings from the model (temperature 1, its own distribution):
 * each starts from the zero state with the prime "B" and runs until the second E (every string
 * of the grammar has exactly two) or {@value #MAX_LENGTH} symbols; the figure is the fraction the
 * grammar accepts. One wrong symbol anywhere rejects a string, so this asks for every
 * transition to be right, the long-range one included.
 *
 * <p><b>Next-symbol accuracy</b> on held-out strings. The grammar's next symbol is mostly one
 * of two, equally likely, so no model can predict it exactly; a prediction counts as right when
 * the model's most likely next symbol (the argmax) is one the grammar allows after the prefix.
 * Every position of every string counts (the first symbol B is given, not predicted). The
 * long-range accuracy is the same, counted only at the position that needs the memory: the
 * symbol before the final E, which must repeat the second symbol (only one symbol is allowed
 * there, so a model that has not kept that bit is right half the time).
 *
 * @param acceptance the fraction of sampled strings the grammar accepts
 * @param samples how many strings were sampled
 * @param nextSymbolAccuracy the fraction of held-out positions predicted right
 * @param positions how many positions that counted
 * @param longRangeAccuracy the fraction of held-out strings whose second-to-last symbol was
 *     predicted right
 * @param heldOut how many held-out strings
 * @param examples the first few sampled strings
 */
public record ReberEvaluation(double acceptance, int samples, double nextSymbolAccuracy, long positions,
        double longRangeAccuracy, int heldOut, List<String> examples) {

    /** Samples longer than this are cut and count as rejected. */
    public static final int MAX_LENGTH = 200;

    /** Copies the examples. */
    public ReberEvaluation {
        examples = List.copyOf(examples);
    }

    /**
     * @param net a model trained on {@link ReberTask} (evaluation mode is used; the network's mode
     *     is restored)
     * @param heldOut strings of the grammar it was not trained on
     * @param samples how many strings to sample, at least 1
     * @param seed the seed of the sampling
     * @return the figures
     */
    public static ReberEvaluation of(Network net, List<String> heldOut, int samples, long seed) {
        if (samples < 1 || heldOut.isEmpty()) {
            throw new IllegalArgumentException("the Reber evaluation needs at least one sample and one held-out string, "
                    + "got " + samples + " and " + heldOut.size());
        }
        Sampler sampler = new Sampler(net, ReberTask.VOCABULARY, 1.0, new SplittableRandom(seed));
        int accepted = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String s = sampleString(sampler);
            accepted += EmbeddedReber.accepts(s) ? 1 : 0;
            if (examples.size() < 5) {
                examples.add(s);
            }
        }
        long right = 0;
        long positions = 0;
        int longRangeRight = 0;
        boolean wasTraining = net.isTraining();
        net.setTraining(false);
        try {
            for (String s : heldOut) {
                boolean[] correct = predictions(net, s);
                for (boolean c : correct) {
                    right += c ? 1 : 0;
                }
                positions += correct.length;
                // correct[t] is the prediction of symbol t + 1; the long-range symbol is at length - 2.
                longRangeRight += correct[EmbeddedReber.longRangeIndex(s) - 1] ? 1 : 0;
            }
        } finally {
            net.setTraining(wasTraining);
        }
        return new ReberEvaluation((double) accepted / samples, samples, (double) right / positions, positions,
                (double) longRangeRight / heldOut.size(), heldOut.size(), examples);
    }

    /**
     * One string sampled from "B" until the second E, or {@link #MAX_LENGTH} symbols.
     *
     * @param sampler a sampler over {@link ReberTask#VOCABULARY}
     * @return the string
     */
    public static String sampleString(Sampler sampler) {
        StringBuilder s = new StringBuilder();
        try {
            sampler.write("B", MAX_LENGTH - 1, ReberTask.END, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return s.toString();
    }

    /** For each t, whether the argmax after symbols 0..t is a symbol the grammar allows next. */
    private static boolean[] predictions(Network net, String s) {
        Vocabulary v = ReberTask.VOCABULARY;
        int[] ids = v.encode(s, "a held-out string");
        int n = ids.length - 1;
        Sequence x = Sequence.of(OneHot.rows(ids, 0, n, v.size()));
        Sequence y = net.forward(x, null);
        EmbeddedReber.Reader reader = new EmbeddedReber.Reader();
        boolean[] correct = new boolean[n];
        for (int t = 0; t < n; t++) {
            reader.read(s.charAt(t));
            int best = 0;
            for (int i = 1; i < v.size(); i++) {
                if (y.get(t, 0, i) > y.get(t, 0, best)) {
                    best = i;
                }
            }
            correct[t] = reader.allowed().indexOf(v.symbol(best)) >= 0;
        }
        return correct;
    }
}
