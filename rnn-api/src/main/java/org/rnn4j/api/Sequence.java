package org.rnn4j.api;

import java.util.Arrays;

/**
 * A time-major batch of sequences: {@code steps} x {@code batch} x {@code features} doubles.
 *
 * <p>Row {@code r = t * batch + b} holds the features of sequence {@code b} at step {@code t};
 * the rows form one row-major matrix of {@code rows() = steps * batch} rows. An optional mask
 * marks which rows are real: sequences of different lengths share a batch by padding, and
 * padded rows add nothing to the loss or to any gradient, while recurrent layers carry their
 * state through them unchanged.
 *
 * <p>The array is shared, not copied: layers return sequences that view their own buffers,
 * valid until that layer's next call.
 */
public final class Sequence {

    private final int steps;
    private final int batch;
    private final int features;
    private final double[] data;
    private final boolean[] mask;

    private Sequence(int steps, int batch, int features, double[] data, boolean[] mask) {
        this.steps = steps;
        this.batch = batch;
        this.features = features;
        this.data = data;
        this.mask = mask;
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
        if (steps < 1 || batch < 1 || features < 1) {
            throw new IllegalArgumentException("a sequence batch needs steps, batch and features >= 1, got "
                    + steps + " x " + batch + " x " + features);
        }
        long n = (long) steps * batch * features;
        if (data == null || data.length != n) {
            throw new IllegalArgumentException("a " + steps + " x " + batch + " x " + features
                    + " sequence batch needs " + n + " values, got " + (data == null ? "null" : data.length));
        }
        if (mask != null && mask.length != steps * batch) {
            throw new IllegalArgumentException("the mask of a " + steps + " x " + batch
                    + " sequence batch needs " + steps * batch + " flags, got " + mask.length);
        }
        return new Sequence(steps, batch, features, data, mask);
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

    /** @return the backing array (shared, not copied) */
    public double[] data() {
        return data;
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
        return data[(t * batch + b) * features + f];
    }

    /**
     * @param t step
     * @param b sequence
     * @param f feature
     * @param value the new value
     */
    public void set(int t, int b, int f, double value) {
        data[(t * batch + b) * features + f] = value;
    }

    /**
     * A new sequence over a copy of the data and mask, sharing nothing.
     *
     * @return a deep copy
     */
    public Sequence copy() {
        return new Sequence(steps, batch, features, data.clone(), mask == null ? null : mask.clone());
    }

    /**
     * The same data with another mask (not copied).
     *
     * @param newMask T * B flags or null
     * @return a sequence sharing this one's data
     */
    public Sequence withMask(boolean[] newMask) {
        return wrap(steps, batch, features, data, newMask);
    }

    /** @return "T x B x F" */
    public String shape() {
        return steps + " x " + batch + " x " + features;
    }

    /**
     * Finds the first NaN or infinite value.
     *
     * @return its index in {@link #data()}, or -1 when every value is finite
     */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Sequence[" + shape() + (mask == null ? "" : ", masked") + "] " + Arrays.toString(
                Arrays.copyOf(data, Math.min(data.length, 8))) + (data.length > 8 ? "..." : "");
    }
}
