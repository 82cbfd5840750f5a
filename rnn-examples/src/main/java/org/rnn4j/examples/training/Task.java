package org.rnn4j.examples.training;

import java.util.Map;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.io.model.SequenceEnd;

/** What a run learns: the embedded Reber grammar ({@link ReberTraining}) or a text ({@link TextTraining}). */
interface Task {

    /** @return a short name, for the default file names and the plot's title */
    String name();

    /** @return one line saying what the data are */
    String describe();

    /** @return the characters, one-hot in and logits out */
    Vocabulary vocabulary();

    /** @return all the data; the trainer holds out the last part for validation */
    Dataset data();

    /**
     * What the data hold in memory, for the run's estimate ({@link MemoryCheck}).
     *
     * @param steps T of the longest batch
     * @param batch B, sequences in the largest batch
     * @param heldArrays arrays the data keep for the whole run
     * @param heldLength doubles in each (a text's tokens count as one array of ints in doubles)
     * @param symbolInputs whether the batches' inputs are symbol-coded (T B ints, {@code Sequence.oneHot})
     *     rather than one-hot rows of doubles (T B V)
     */
    record Footprint(int steps, int batch, long heldArrays, long heldLength, boolean symbolInputs) {
    }

    /** @return what the data hold in memory and the largest batch's shape */
    Footprint footprint();

    /**
     * @return where a generated string ends (kept in the model file, so that sampling stops
     *     there), or null for a text, which has no end
     */
    SequenceEnd end();

    /**
     * @return entries that identify the data (a text's SHA-256), kept in the checkpoint and
     *     compared when a run resumes
     */
    Map<String, String> identity();

    /**
     * A short sample for the log every N steps.
     *
     * @param net the network (not changed; a copy samples)
     * @param seed the seed of the draws
     * @return the text
     */
    String sample(Network net, long seed);
}
