package org.rnn4j.bench;

import org.rnn4j.api.Sequence;

/**
 * char-rnn's batching of a text: B streams start at offsets b * (N / B); each batch takes the
 * next T symbols of every stream as input and the symbols one further on as targets, one-hot
 * and time-major (row t * B + b); the inputs are held as their symbols ({@link Sequence#oneHot}),
 * as the command line's {@code --text} training holds them, so that the recurrent layers look
 * their input weights up rather than multiply by one-hot rows. When a stream has fewer than T + 1 symbols left, every stream
 * starts again from its offset: a new epoch, where the caller resets the carried state.
 *
 * <p>The two sequences are filled in place; nothing is allocated per batch.
 */
final class CharBatches {

    private final int[] text;
    private final int steps;
    private final int batch;
    private final int vocab;
    private final int streamLength;
    private final int[] x;
    private final double[] y;
    private final int[] hot;
    private final Sequence input;
    private final Sequence target;
    private int position;

    /**
     * @param text symbol indices in [0, vocab)
     * @param steps T
     * @param batch B
     * @param vocab V, the one-hot width
     * @throws IllegalArgumentException if a stream of the text is shorter than T + 1
     */
    CharBatches(int[] text, int steps, int batch, int vocab) {
        this.text = text;
        this.steps = steps;
        this.batch = batch;
        this.vocab = vocab;
        this.streamLength = text.length / batch;
        if (streamLength < steps + 1) {
            throw new IllegalArgumentException("a text of " + text.length + " symbols in " + batch
                    + " streams leaves " + streamLength + " per stream, fewer than T + 1 = " + (steps + 1));
        }
        this.x = new int[steps * batch];
        this.y = new double[steps * batch * vocab];
        this.hot = new int[steps * batch];
        this.input = Sequence.oneHot(steps, batch, vocab, x, null);
        this.target = Sequence.wrap(steps, batch, vocab, y);
    }

    /**
     * Fills {@link #input()} and {@link #target()} with the next batch.
     *
     * @return whether this batch starts a new epoch (every stream back at its start)
     */
    boolean next() {
        boolean epoch = position + steps + 1 > streamLength;
        if (epoch) {
            position = 0;
        }
        for (int r = 0; r < steps * batch; r++) {
            y[hot[r]] = 0;
        }
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int r = t * batch + b;
                int at = b * streamLength + position + t;
                x[r] = text[at];
                hot[r] = r * vocab + text[at + 1];
                y[hot[r]] = 1;
            }
        }
        position += steps;
        return epoch;
    }

    /** @return the inputs of the current batch, T x B x V one-hot, held as symbols */
    Sequence input() {
        return input;
    }

    /** @return the targets of the current batch: each input's next symbol, one-hot */
    Sequence target() {
        return target;
    }
}
