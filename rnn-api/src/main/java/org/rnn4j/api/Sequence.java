package org.rnn4j.api;

import java.util.Arrays;

/**
 * A time-major batch of sequences: {@code steps} x {@code batch} x {@code features} values.
 *
 * <p>Row {@code r = t * batch + b} holds the features of sequence {@code b} at step {@code t};
 * the rows form one row-major matrix of {@code rows() = steps * batch} rows. An optional mask
 * marks which rows are real: sequences of different lengths share a batch by padding, and
 * padded rows add nothing to the loss or to any gradient, while recurrent layers carry their
 * state through them unchanged.
 *
 * <p>The array is shared, not copied: layers return sequences that view their own buffers,
 * valid until that layer's next call.
 *
 * <p>A sequence holds either doubles ({@link #wrap(int, int, int, double[], boolean[])}) or
 * floats ({@link #wrap(int, int, int, float[], boolean[])}): a float32 network's layers hand each
 * other float-backed sequences, so that no layer keeps a float64 copy of what it exchanges.
 * {@link #floats()} is the float array of a float-backed sequence (null otherwise);
 * {@link #data()} of a float-backed one is a float64 copy made at the call, so code written
 * against doubles (plug-in layers and losses, user code) keeps working through it, while code
 * that wants no copy reads {@link #floats()} when {@link #isFloat()}. {@link #get}, {@link #set},
 * {@link #copy}, {@link #withMask} and {@link #firstNonFinite} work on either backing.
 *
 * <p>A sequence of one-hot rows can also be held as its symbols ({@link #oneHot}): row r is
 * then the one-hot row of {@code symbols()[r]} over {@code features()} = V symbols, stored as
 * T * B ints instead of T * B * V numbers. The built-in recurrent layers read such an input
 * by a column lookup in their input weights ({@code nn.Embedding} semantics), without the
 * product; any other reader sees the one-hot rows through {@link #data()}.
 */
public final class Sequence {

    private final int steps;
    private final int batch;
    private final int features;
    private final double[] data;
    private final float[] floats;
    private final boolean[] mask;
    /** The symbol of each row of a symbol-coded sequence ({@link #oneHot}); null otherwise. */
    private final int[] symbols;

    private Sequence(int steps, int batch, int features, double[] data, float[] floats, boolean[] mask) {
        this(steps, batch, features, data, floats, mask, null);
    }

    private Sequence(int steps, int batch, int features, double[] data, float[] floats, boolean[] mask,
            int[] symbols) {
        this.steps = steps;
        this.batch = batch;
        this.features = features;
        this.data = data;
        this.floats = floats;
        this.mask = mask;
        this.symbols = symbols;
    }

    /**
     * Wraps an array (not copied) as a sequence batch.
     *
     * @param steps T, at least 1
     * @param batch B, at least 1
     * @param features F, at least 1
     * @param data T * B * F values, time-major
     * @return the sequence
     * @throws IllegalArgumentException if a size is below 1 or the array length is not T*B*F
     */
    public static Sequence wrap(int steps, int batch, int features, double[] data) {
        return wrap(steps, batch, features, data, null);
    }

    /**
     * Wraps an array and a mask (neither copied).
     *
     * @param steps T, at least 1
     * @param batch B, at least 1
     * @param features F, at least 1
     * @param data T * B * F values, time-major
     * @param mask T * B flags ({@code true} = a real step), or null for all real
     * @return the sequence
     * @throws IllegalArgumentException on sizes that do not fit
     */
    public static Sequence wrap(int steps, int batch, int features, double[] data, boolean[] mask) {
        requireShape(steps, batch, features, data == null ? -1 : data.length, mask);
        return new Sequence(steps, batch, features, data, null, mask);
    }

    /**
     * Wraps a float array and a mask (neither copied) as a float-backed sequence: what a float32
     * network's layers exchange.
     *
     * @param steps T, at least 1
     * @param batch B, at least 1
     * @param features F, at least 1
     * @param data T * B * F values, time-major
     * @param mask T * B flags ({@code true} = a real step), or null for all real
     * @return the sequence, whose {@link #floats()} is {@code data}
     * @throws IllegalArgumentException on sizes that do not fit
     */
    public static Sequence wrap(int steps, int batch, int features, float[] data, boolean[] mask) {
        requireShape(steps, batch, features, data == null ? -1 : data.length, mask);
        return new Sequence(steps, batch, features, null, data, mask);
    }

    private static void requireShape(int steps, int batch, int features, int length, boolean[] mask) {
        if (steps < 1 || batch < 1 || features < 1) {
            throw new IllegalArgumentException("a sequence batch needs steps, batch and features >= 1, got "
                    + steps + " x " + batch + " x " + features);
        }
        long n = (long) steps * batch * features;
        if (length != n) {
            throw new IllegalArgumentException("a " + steps + " x " + batch + " x " + features
                    + " sequence batch needs " + n + " values, got " + (length < 0 ? "null" : length));
        }
        if (mask != null && mask.length != steps * batch) {
            throw new IllegalArgumentException("the mask of a " + steps + " x " + batch
                    + " sequence batch needs " + steps * batch + " flags, got " + mask.length);
        }
    }

    /**
     * Holds a batch of one-hot rows as their symbols (the array and mask are kept, not copied):
     * row {@code r = t * batch + b} is 1 at feature {@code symbols[r]} and 0 elsewhere.
     *
     * @param steps T, at least 1
     * @param batch B, at least 1
     * @param vocabulary V, the one-hot width ({@link #features()}), at least 1
     * @param symbols T * B symbols, time-major, each in [0, V)
     * @param mask T * B flags ({@code true} = a real step), or null for all real
     * @return the sequence
     * @throws IllegalArgumentException on sizes that do not fit or a symbol outside [0, V)
     */
    public static Sequence oneHot(int steps, int batch, int vocabulary, int[] symbols, boolean[] mask) {
        if (steps < 1 || batch < 1 || vocabulary < 1) {
            throw new IllegalArgumentException("a sequence batch of symbols needs steps, batch and vocabulary >= 1, got "
                    + steps + " x " + batch + " x " + vocabulary);
        }
        long n = (long) steps * batch;
        if (symbols == null || symbols.length != n) {
            throw new IllegalArgumentException("a " + steps + " x " + batch + " sequence batch of symbols needs " + n
                    + " symbols, got " + (symbols == null ? "null" : symbols.length));
        }
        if (mask != null && mask.length != n) {
            throw new IllegalArgumentException("the mask of a " + steps + " x " + batch
                    + " sequence batch needs " + n + " flags, got " + mask.length);
        }
        for (int r = 0; r < symbols.length; r++) {
            if (symbols[r] < 0 || symbols[r] >= vocabulary) {
                throw new IllegalArgumentException("symbol " + symbols[r] + " at step " + r / batch + ", sequence "
                        + r % batch + " is outside the vocabulary [0, " + vocabulary + ")");
            }
        }
        return new Sequence(steps, batch, vocabulary, null, null, mask, symbols);
    }

    /**
     * A batch of zeros.
     *
     * @param steps T
     * @param batch B
     * @param features F
     * @return a new zero sequence
     */
    public static Sequence zeros(int steps, int batch, int features) {
        return wrap(steps, batch, features, new double[Math.multiplyExact(Math.multiplyExact(steps, batch), features)]);
    }

    /**
     * Copies a single sequence given as {@code [t][feature]} into a batch of one.
     *
     * @param values the rows, all of one length
     * @return a new sequence of batch 1
     */
    public static Sequence of(double[][] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        int f = values[0].length;
        double[] data = new double[values.length * f];
        for (int t = 0; t < values.length; t++) {
            if (values[t].length != f) {
                throw new IllegalArgumentException("step " + t + " has " + values[t].length
                        + " features, step 0 has " + f);
            }
            System.arraycopy(values[t], 0, data, t * f, f);
        }
        return wrap(values.length, 1, f, data);
    }

    /**
     * Checks that two sequences have the same steps, batch and features.
     *
     * @param what what {@code other} is, for the message
     * @param expected the reference shape
     * @param other the sequence to check
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public static void requireSameShape(String what, Sequence expected, Sequence other) {
        if (other.steps != expected.steps || other.batch != expected.batch || other.features != expected.features) {
            throw new IllegalArgumentException("the " + what + " has shape " + other.shape()
                    + " but the output has shape " + expected.shape());
        }
    }

    /** @return T, the number of time steps */
    public int steps() {
        return steps;
    }

    /** @return B, the number of sequences */
    public int batch() {
        return batch;
    }

    /** @return F, the features per step */
    public int features() {
        return features;
    }

    /** @return T * B */
    public int rows() {
        return steps * batch;
    }

    /**
     * The values as doubles: the backing array (shared, not copied) of a double-backed
     * sequence; for a float-backed one a float64 copy made at this call, to which writes are not
     * seen (use {@link #set} or {@link #floats()} to change a float-backed sequence); for a
     * symbol-coded one ({@link #symbols()} not null) a new array of its one-hot rows, to which
     * writes change nothing either. A copying call copies every time, so read it once into a
     * local, not once per element.
     *
     * @return the values, time-major
     */
    public double[] data() {
        if (symbols != null) {
            double[] rows = new double[Math.multiplyExact(symbols.length, features)];
            for (int r = 0; r < symbols.length; r++) {
                rows[r * features + symbols[r]] = 1.0;
            }
            return rows;
        }
        if (floats == null) {
            return data;
        }
        double[] copy = new double[floats.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = floats[i];
        }
        return copy;
    }

    /**
     * @return the symbol of each row, T * B (shared, not copied), when this sequence holds
     *     one-hot rows as symbols ({@link #oneHot}); null for a sequence of values
     */
    public int[] symbols() {
        return symbols;
    }

    /** @return whether the values are floats ({@link #floats()}) rather than doubles */
    public boolean isFloat() {
        return floats != null;
    }

    /** @return the backing float array (shared, not copied) of a float-backed sequence, else null */
    public float[] floats() {
        return floats;
    }

    /** @return the mask (shared), or null when every row is real */
    public boolean[] mask() {
        return mask;
    }

    /**
     * @param row a row index {@code t * batch + b}
     * @return whether that row is a real step (not padding)
     */
    public boolean active(int row) {
        return mask == null || mask[row];
    }

    /**
     * @param t step
     * @param b sequence
     * @param f feature
     * @return the value
     */
    public double get(int t, int b, int f) {
        if (symbols != null) {
            return symbols[t * batch + b] == f ? 1.0 : 0.0;
        }
        int i = (t * batch + b) * features + f;
        return floats != null ? floats[i] : data[i];
    }

    /**
     * @param t step
     * @param b sequence
     * @param f feature
     * @param value the new value (rounded to the nearest float in a float-backed sequence)
     * @throws UnsupportedOperationException on a symbol-coded sequence, whose rows stay one-hot
     */
    public void set(int t, int b, int f, double value) {
        if (symbols != null) {
            throw new UnsupportedOperationException("a sequence of symbols (one-hot rows) cannot be set value by "
                    + "value; change its symbols() or use Sequence.wrap(..., data()) for values");
        }
        int i = (t * batch + b) * features + f;
        if (floats != null) {
            floats[i] = (float) value;
        } else {
            data[i] = value;
        }
    }

    /**
     * A new sequence over a copy of the data and mask, sharing nothing, with the same backing.
     *
     * @return a deep copy
     */
    public Sequence copy() {
        if (symbols != null) {
            return new Sequence(steps, batch, features, null, null, mask == null ? null : mask.clone(),
                    symbols.clone());
        }
        return new Sequence(steps, batch, features, data == null ? null : data.clone(),
                floats == null ? null : floats.clone(), mask == null ? null : mask.clone());
    }

    /**
     * The same data with another mask (not copied).
     *
     * @param newMask T * B flags or null
     * @return a sequence sharing this one's data (and backing, or symbols)
     */
    public Sequence withMask(boolean[] newMask) {
        if (symbols != null) {
            return oneHot(steps, batch, features, symbols, newMask);
        }
        return floats != null ? wrap(steps, batch, features, floats, newMask)
                : wrap(steps, batch, features, data, newMask);
    }

    /** @return "T x B x F" */
    public String shape() {
        return steps + " x " + batch + " x " + features;
    }

    /**
     * Finds the first NaN or infinite value.
     *
     * @return its index in {@link #data()}, or -1 when every value is finite (always for a
     *     symbol-coded sequence)
     */
    public int firstNonFinite() {
        if (symbols != null) {
            return -1;
        }
        if (floats != null) {
            for (int i = 0; i < floats.length; i++) {
                if (!Float.isFinite(floats[i])) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        if (symbols != null) {
            return "Sequence[" + shape() + " one-hot symbols" + (mask == null ? "" : ", masked") + "] "
                    + Arrays.toString(Arrays.copyOf(symbols, Math.min(symbols.length, 8)))
                    + (symbols.length > 8 ? "..." : "");
        }
        int n = floats != null ? floats.length : data.length;
        String head = floats != null ? Arrays.toString(Arrays.copyOf(floats, Math.min(n, 8)))
                : Arrays.toString(Arrays.copyOf(data, Math.min(n, 8)));
        return "Sequence[" + shape() + (mask == null ? "" : ", masked") + (floats == null ? "" : ", float32") + "] "
                + head + (n > 8 ? "..." : "");
    }
}
