package org.rnn4j.core.train;

import java.util.Iterator;
import java.util.random.RandomGenerator;

/**
 * Training data as the {@link Trainer} sees it: the batches of one epoch, in order.
 *
 * <p>Two kinds: {@link SequenceDataset}, independent sequences of any lengths, shuffled and
 * padded into masked batches, each batch starting from the zero state; and
 * {@link StreamDataset}, char-rnn's B streams cut into consecutive chunks of T steps, where
 * batch i+1 continues batch i and the trainer carries the recurrent state from one to the next
 * ({@link #carriesState()}).
 */
public interface Dataset {

    /** @return whether batch i+1 continues the sequences of batch i (the state is carried) */
    boolean carriesState();

    /** @return the number of batches in one epoch, at least 1 */
    int batchesPerEpoch();

    /**
     * The batches of one epoch, starting at batch {@code from} (0 for a whole epoch; later
     * values to resume within an epoch). A returned batch may share its arrays with the next:
     * use it before calling {@code next()} again.
     *
     * @param shuffle the seeded source for this epoch's order, or null for the stored order;
     *     ignored by datasets whose order matters (streams)
     * @param from the first batch, 0 .. {@link #batchesPerEpoch()}
     * @return the batches
     */
    Iterator<Batch> epoch(RandomGenerator shuffle, int from);

    /**
     * Splits off the last {@code fraction} of the data for validation (as Keras's
     * {@code validation_split}: the last samples, before any shuffling; for a stream, the last
     * part of the text).
     *
     * @param fraction in (0, 1)
     * @return the training part and the validation part
     * @throws IllegalArgumentException if the fraction is out of range or leaves a part too
     *     small to make one batch
     */
    Split split(double fraction);

    /**
     * A dataset divided in two.
     *
     * @param train what the trainer learns from
     * @param validation what it only evaluates
     */
    record Split(Dataset train, Dataset validation) {
    }
}
