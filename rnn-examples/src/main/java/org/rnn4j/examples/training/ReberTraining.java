package org.rnn4j.examples.training;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.examples.charlm.Sampler;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.examples.reber.ReberEvaluation;
import org.rnn4j.examples.reber.ReberTask;
import org.rnn4j.io.model.SequenceEnd;

/**
 * The embedded default: {@value #STRINGS} strings of the embedded Reber grammar drawn from the
 * seed (the last fraction of them validates), and {@value #HELD_OUT} more, drawn after them,
 * that training never sees, for the next-symbol accuracy; {@value #SAMPLES} strings sampled from
 * the trained model for the acceptance.
 */
final class ReberTraining implements Task {

    /** Strings to train and validate on. */
    static final int STRINGS = 2_500;
    /** Strings held out for the accuracy. */
    static final int HELD_OUT = 1_000;
    /** Strings sampled for the acceptance. */
    static final int SAMPLES = 1_000;

    private final List<String> strings;
    private final List<String> heldOut;
    private final Dataset data;
    private final double valFraction;
    private final int batch;

    ReberTraining(long seed, int batch, double valFraction) {
        this.batch = batch;
        SplittableRandom random = new SplittableRandom(seed);
        this.strings = ReberTask.strings(STRINGS, random);
        this.heldOut = ReberTask.strings(HELD_OUT, random);
        this.data = ReberTask.dataset(strings, batch);
        this.valFraction = valFraction;
    }

    @Override
    public String name() {
        return "reber";
    }

    @Override
    public String describe() {
        int val = (int) Math.round(STRINGS * valFraction);
        long symbols = strings.stream().mapToLong(String::length).sum();
        return String.format("the embedded Reber grammar (Hochreiter & Schmidhuber 1997): %,d strings of %,d symbols "
                + "(%,d for validation), %,d more held out", STRINGS, symbols, val, HELD_OUT);
    }

    @Override
    public Vocabulary vocabulary() {
        return ReberTask.VOCABULARY;
    }

    @Override
    public Dataset data() {
        return data;
    }

    /** Each string's one-hot inputs and targets, a row array of V per symbol; batches pad to the longest. */
    @Override
    public Footprint footprint() {
        int longest = 0;
        long rows = 0;
        for (String s : strings) {
            longest = Math.max(longest, s.length() - 1);
            rows += s.length() - 1;
        }
        return new Footprint(longest, Math.min(batch, strings.size()), 2 * rows, ReberTask.VOCABULARY.size(), false);
    }

    @Override
    public SequenceEnd end() {
        return ReberTask.END;
    }

    @Override
    public Map<String, String> identity() {
        return Map.of();
    }

    @Override
    public String sample(Network net, long seed) {
        Sampler s = new Sampler(net.copy(), ReberTask.VOCABULARY, 1.0, new SplittableRandom(seed));
        return ReberEvaluation.sampleString(s);
    }

    /**
     * @param net the trained network
     * @param seed the seed of the samples
     * @return the acceptance of sampled strings and the accuracy on the held-out ones
     */
    ReberEvaluation evaluate(Network net, long seed) {
        return ReberEvaluation.of(net, heldOut, SAMPLES, seed);
    }
}
