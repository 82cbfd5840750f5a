package org.rnn4j.examples.charlm;

/** One-hot rows of character indices: row t has a 1 at column {@code ids[from + t]}. */
public final class OneHot {

    private OneHot() {
    }

    /**
     * @param ids character indices, each in [0, width)
     * @param from the first index to encode
     * @param to one past the last
     * @param width V, the vocabulary size
     * @return {@code to - from} rows of {@code width} columns
     */
    public static double[][] rows(int[] ids, int from, int to, int width) {
        double[][] x = new double[to - from][width];
        for (int t = from; t < to; t++) {
            x[t - from][ids[t]] = 1;
        }
        return x;
    }
}
