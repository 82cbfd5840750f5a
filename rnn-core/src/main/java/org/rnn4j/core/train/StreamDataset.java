package org.rnn4j.core.train;

import java.util.Arrays;
import java.util.Iterator;
import java.util.random.RandomGenerator;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.math.ArraySize;

/**
 * A long token sequence (a text as character indices) batched as char-rnn does: B streams
 * start at offsets {@code b * (N / B)}; batch s takes the next T tokens of every stream as
 * input and the tokens one further as targets, both one-hot over the vocabulary:
 *
 * <pre>
 *   L = N / B                                      (tokens per stream)
 *   input  (t, b) = onehot(tokens[b L + s T + t])
 *   target (t, b) = onehot(tokens[b L + s T + t + 1])      t &lt; T,  s &lt; (L - 1) / T
 * </pre>
 *
 * Batch s+1 continues batch s in every stream, so the {@link Trainer} carries the recurrent
 * state from batch to batch and cuts the gradient between them: truncated backpropagation
 * through time (A. Karpathy, char-rnn, 2015; see docs/BENCHMARKS.md "Batching"). The state
 * starts at zero at every epoch, when the streams go back to their starts. The order is never
 * shuffled. A batch's arrays are reused by the next batch.
 *
 * <p>The inputs are one-hot rows held as their symbols ({@link Sequence#oneHot}): the built-in
 * recurrent layers look up their input weights' columns instead of multiplying by T*B*V
 * mostly-zero values, with the same results (the forward bit for bit, the input weights'
 * gradient up to the order of its sums); a first layer of any other kind reads the one-hot
 * rows through {@code data()}. The targets are one-hot rows of values.
 */
public final class StreamDataset implements Dataset {

    private final int[] tokens;
    private final int vocabulary;
    private final int streams;
    private final int steps;
    private final int perStream;

    private StreamDataset(int[] tokens, int vocabulary, int streams, int steps) {
        this.tokens = tokens;
        this.vocabulary = vocabulary;
        this.streams = streams;
        this.steps = steps;
        this.perStream = tokens.length / streams;
    }

    /**
     * Streams over a token sequence.
     *
     * @param tokens the sequence, each in [0, vocabulary); kept, not copied
     * @param vocabulary V, the one-hot width, at least 1
     * @param batch B, the number of streams, at least 1
     * @param seqLength T, steps per batch, at least 1
     * @return the dataset
     * @throws IllegalArgumentException on a token out of range, a sequence too short for one
     *     batch (it needs at least B (T + 1) tokens) or a batch of T x B x V values larger than a
     *     Java array
     */
    public static StreamDataset of(int[] tokens, int vocabulary, int batch, int seqLength) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("the vocabulary must have at least 1 symbol, got " + vocabulary);
        }
        if (batch < 1 || seqLength < 1) {
            throw new IllegalArgumentException("stream batching needs batch >= 1 and seq length >= 1, got batch "
                    + batch + ", seq length " + seqLength);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabulary) {
                throw new IllegalArgumentException("token " + i + " is " + tokens[i] + ", outside the vocabulary [0, "
                        + vocabulary + ")");
            }
        }
        requireLength(tokens.length, batch, seqLength, "the text");
        ArraySize.of("a batch of T x B one-hot rows of V (seq length " + seqLength + ", batch " + batch
                + ", vocabulary " + vocabulary + ")", seqLength, batch, vocabulary);
        return new StreamDataset(tokens, vocabulary, batch, seqLength);
    }

    /** @return B */
    public int streams() {
        return streams;
    }

    /** @return T */
    public int seqLength() {
        return steps;
    }

    /** @return V */
    public int vocabulary() {
        return vocabulary;
    }

    @Override
    public boolean carriesState() {
        return true;
    }

    @Override
    public int batchesPerEpoch() {
        return (perStream - 1) / steps;
    }

    @Override
    public Iterator<Batch> epoch(RandomGenerator shuffle, int from) {
        int values = ArraySize.of("a batch of T x B x V", steps, streams, vocabulary);
        int[] x = new int[steps * streams];
        double[] d = new double[values];
        int[] ids = new int[streams];
        Arrays.setAll(ids, b -> b);
        Batch batch = new Batch(Sequence.oneHot(steps, streams, vocabulary, x, null),
                Sequence.wrap(steps, streams, vocabulary, d), ids);
        return Batches.range(from, batchesPerEpoch(), s -> {
            Arrays.fill(d, 0.0);
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < streams; b++) {
                    int at = b * perStream + s * steps + t;
                    int row = t * streams + b;
                    x[row] = tokens[at];
                    d[row * vocabulary + tokens[at + 1]] = 1;
                }
            }
            return batch;
        });
    }

    /**
     * Splits the text: the first part trains, the last {@code fraction} validates (as char-rnn
     * splits train and validation). The validation part keeps T and uses as many of the B
     * streams as its length allows.
     */
    @Override
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1) to split, got " + fraction);
        }
        int n = tokens.length;
        int cut = (int) (n * (1 - fraction));
        requireLength(cut, streams, steps, "the training part (" + (1 - fraction) + " of " + n + " tokens)");
        int valLength = n - cut;
        int valStreams = (int) Math.min(streams, valLength / (steps + 1L));
        requireLength(valLength, Math.max(1, valStreams), steps, "the validation part (" + fraction + " of " + n + " tokens)");
        return new Split(new StreamDataset(Arrays.copyOfRange(tokens, 0, cut), vocabulary, streams, steps),
                new StreamDataset(Arrays.copyOfRange(tokens, cut, n), vocabulary, valStreams, steps));
    }

    private static void requireLength(int n, int batch, int seqLength, String what) {
        if (n / batch < seqLength + 1L) {
            throw new IllegalArgumentException(what + " has " + n + " tokens; " + batch + " streams of seq length "
                    + seqLength + " need at least " + (long) batch * (seqLength + 1L) + " (each stream needs T + 1)");
        }
    }
}
