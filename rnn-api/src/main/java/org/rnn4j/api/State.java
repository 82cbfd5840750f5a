package org.rnn4j.api;

/**
 * The recurrent state of a layer for a batch: one or more B x size blocks (Elman: h;
 * LSTM: h and c), row {@code b} of each block belonging to sequence {@code b}.
 *
 * @param parts the blocks, each {@code batch * size} doubles
 */
public record State(double[]... parts) {

    /**
     * A zero state.
     *
     * @param batch B
     * @param sizes the width of each block
     * @return a new state of zeros
     * @throws IllegalArgumentException if a block of B x size values would not fit one Java array
     */
    public static State zeros(int batch, int... sizes) {
        double[][] p = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            long n = (long) batch * sizes[i];
            if (batch < 0 || sizes[i] < 0 || n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a state block of batch x size = " + batch + " x " + sizes[i]
                        + " values does not fit one Java array");
            }
            p[i] = new double[(int) n];
        }
        return new State(p);
    }

    /**
     * A deep copy.
     *
     * @return a state sharing no array with this one
     */
    public State copy() {
        double[][] p = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            p[i] = parts[i].clone();
        }
        return new State(p);
    }

    /**
     * @param i block index
     * @return block {@code i}, shared
     */
    public double[] part(int i) {
        return parts[i];
    }
}
