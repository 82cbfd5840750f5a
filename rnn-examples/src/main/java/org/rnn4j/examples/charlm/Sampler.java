package org.rnn4j.examples.charlm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.io.model.SequenceEnd;

/**
 * Writes text with a character-level language model, one character at a time, as min-char-rnn
 * and char-rnn sample: from the zero state, the prime is run through the network; then each
 * next character is drawn from
 *
 * <pre>
 *   p_i = exp(y_i / tau) / sum_j exp(y_j / tau)        (y = the output layer's logits)
 * </pre>
 *
 * and fed back in as the next input (one-hot). Temperature tau = 1 samples the model's own
 * distribution, lower values sharpen it, and tau = 0 takes the argmax (the lowest index on a
 * tie), which makes the text a function of the model and the prime alone.
 *
 * <p>A sampler runs its network in evaluation mode (no dropout) and owns it while it runs: give
 * it its own {@link Network#copy()} if another thread uses the network.
 */
public final class Sampler {

    /** The most characters of a prime run through the network at once. */
    public static final int PRIME_CHUNK = 256;

    private final Network net;
    private final Vocabulary vocabulary;
    private final double temperature;
    private final RandomGenerator random;
    private final double[] logits;
    private final double[] p;
    private List<State> state;
    private boolean primed;

    /**
     * @param net a network with one-hot inputs and logits over the vocabulary
     * @param vocabulary its characters
     * @param temperature tau, finite and &gt;= 0; 0 for the argmax
     * @param random the source of the draws (unused at temperature 0)
     * @throws IllegalArgumentException if the network's input or output size is not the
     *     vocabulary's, or the temperature is out of range
     */
    public Sampler(Network net, Vocabulary vocabulary, double temperature, RandomGenerator random) {
        this.net = Objects.requireNonNull(net, "net");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.random = Objects.requireNonNull(random, "random");
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be a finite number >= 0 (0 = always the most "
                    + "likely character), got " + temperature);
        }
        int v = vocabulary.size();
        if (net.inputSize() != v || net.outputSize() != v) {
            throw new IllegalArgumentException("the network reads " + net.inputSize() + " and writes " + net.outputSize()
                    + " features, but the vocabulary has " + v + " characters; a language model needs both equal to it");
        }
        this.temperature = temperature;
        this.logits = new double[v];
        this.p = new double[v];
    }

    /**
     * The prime followed by {@code length} generated characters.
     *
     * @param prime at least one character, all in the vocabulary
     * @param length characters to generate, &gt;= 0
     * @return the text
     * @throws IllegalArgumentException on an empty prime or a character outside the vocabulary
     */
    public String sample(String prime, int length) {
        StringBuilder s = new StringBuilder();
        try {
            write(prime, length, null, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return s.toString();
    }

    /**
     * Streams the prime, then up to {@code length} generated characters, to {@code out} as they
     * are drawn: memory does not grow with the length. With an end of sequence, generation stops
     * after the character that completes it ({@code end.count()} end symbols since the start of
     * the prime; none is generated when the prime already holds them all).
     *
     * @param prime at least one character, all in the vocabulary
     * @param length the most characters to generate, &gt;= 0
     * @param end where a string ends, or null to generate all {@code length}
     * @param out where the characters go
     * @return the number of characters generated
     * @throws IOException if {@code out} throws
     * @throws IllegalArgumentException on an empty prime or a character outside the vocabulary
     */
    public long write(String prime, long length, SequenceEnd end, Appendable out) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("the length must be >= 0 characters, got " + length);
        }
        start(prime);
        out.append(prime);
        int symbol = end == null ? -1 : end.codePoint();
        long ends = end == null ? 0 : prime.codePoints().filter(c -> c == symbol).count();
        long n = 0;
        while (n < length && (end == null || ends < end.count())) {
            int c = next();
            n++;
            ends += c == symbol ? 1 : 0;
            if (Character.isBmpCodePoint(c)) {
                out.append((char) c);
            } else {
                out.append(Character.highSurrogate(c)).append(Character.lowSurrogate(c));
            }
        }
        return n;
    }

    /**
     * Starts over from the zero state and runs the prime through the network.
     *
     * @param prime at least one character, all in the vocabulary
     * @throws IllegalArgumentException on an empty prime or a character outside the vocabulary
     */
    public void start(String prime) {
        if (prime.isEmpty()) {
            throw new IllegalArgumentException("the prime is empty; give at least one character to start from");
        }
        int[] ids = vocabulary.encode(prime, "the prime");
        state = null;
        // in chunks with the state carried, so that the buffers stay PRIME_CHUNK x V however long the prime
        for (int from = 0; from < ids.length; from += PRIME_CHUNK) {
            run(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + PRIME_CHUNK)));
        }
        primed = true;
    }

    /**
     * Draws the next character and feeds it in.
     *
     * @return its code point
     * @throws IllegalStateException before {@link #start(String)}
     */
    public int next() {
        if (!primed) {
            throw new IllegalStateException("start(prime) first");
        }
        int i = draw();
        run(new int[] {i});
        return vocabulary.symbol(i);
    }

    /** Runs characters from the current state; keeps the last step's logits and the final state. */
    private void run(int[] ids) {
        int v = vocabulary.size();
        double[] x = new double[ids.length * v];
        for (int t = 0; t < ids.length; t++) {
            x[t * v + ids[t]] = 1;
        }
        boolean wasTraining = net.isTraining();
        net.setTraining(false);
        try {
            Sequence y = net.forward(Sequence.wrap(ids.length, 1, v, x), state);
            lastRow(y, logits);
            state = net.finalStates();
            requireFinite(state);
        } finally {
            net.setTraining(wasTraining);
        }
    }

    /**
     * Copies the last row of {@code y} into {@code row}, reading the backing array as it is: a
     * float32 network's output is float-backed, whose {@link Sequence#data()} would be a float64
     * copy of the whole output made per call (per generated character).
     */
    static void lastRow(Sequence y, double[] row) {
        int from = (y.rows() - 1) * y.features();
        float[] f = y.floats();
        if (f != null) {
            for (int i = 0; i < row.length; i++) {
                row[i] = f[from + i];
            }
        } else {
            System.arraycopy(y.data(), from, row, 0, row.length);
        }
    }

    /**
     * A model whose recurrent state overflows (a diverged one) cannot go on: say so here rather
     * than let the next step's layer reject an "initial state" the user never gave.
     */
    private static void requireFinite(List<State> states) {
        for (State s : states) {
            for (double[] part : s.parts()) {
                for (double v : part) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalStateException("the model diverges: its recurrent state became " + v
                                + " while sampling, so no further character can be drawn");
                    }
                }
            }
        }
    }

    /** An index drawn from softmax(logits / tau), or the argmax at tau = 0. */
    private int draw() {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp((logits[i] - logits[best]) / temperature);
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return best;
    }
}
