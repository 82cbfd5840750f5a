package org.rnn4j.examples.reber;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.examples.charlm.OneHot;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.io.model.SequenceEnd;

/**
 * The embedded Reber grammar as a next-symbol prediction task, as Hochreiter and Schmidhuber
 * (1997) set it: each string is one sequence, read from the zero state; the input at step t is
 * symbol t (one-hot), the target symbol t + 1. The strings come from a seeded generator, so the
 * data ships as this code, not as a file.
 */
public final class ReberTask {

    /** The grammar's symbols in the vocabulary's order (sorted, as for any text). */
    public static final Vocabulary VOCABULARY = Vocabulary.of(ReberGrammar.SYMBOLS);

    /**
     * Where a string of the embedded grammar ends: at its second E (the inner string's E, then
     * the final one). A model file keeps it, so that {@code ./rnn4j sample} stops there.
     */
    public static final SequenceEnd END = new SequenceEnd("E", 2);

    private ReberTask() {
    }

    /**
     * @param count how many strings
     * @param random the generator (the strings are a function of its seed)
     * @return that many strings of the embedded grammar
     */
    public static List<String> strings(int count, RandomGenerator random) {
        List<String> s = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            s.add(EmbeddedReber.generate(random));
        }
        return s;
    }

    /**
     * @param strings strings of the grammar
     * @param batch sequences per batch
     * @return each string as inputs (all symbols but the last) and targets (all but the first)
     */
    public static SequenceDataset dataset(List<String> strings, int batch) {
        List<double[][]> inputs = new ArrayList<>(strings.size());
        List<double[][]> targets = new ArrayList<>(strings.size());
        int v = VOCABULARY.size();
        for (String s : strings) {
            int[] ids = VOCABULARY.encode(s, "a Reber string");
            inputs.add(OneHot.rows(ids, 0, ids.length - 1, v));
            targets.add(OneHot.rows(ids, 1, ids.length, v));
        }
        return SequenceDataset.of(inputs, targets, batch);
    }
}
