package org.rnn4j.examples.limits;

import org.rnn4j.api.Precision;

/**
 * How many bytes a value of each kind of array a network keeps takes, by the network's
 * precision: the one place {@link RunMemory} takes its widths from.
 *
 * <p>A float32 network keeps everything a training run holds per parameter and per step in
 * float arrays (4 bytes a value): the parameters' values and gradients behind {@code Parameter},
 * the optimizer's state, the layers' buffers for backpropagation through time, the sequences
 * they exchange and their products' partial sums; its layers read the parameters' floats
 * directly, with no copies beside them. A float64 network keeps everything in doubles.
 *
 * @param parameter bytes per parameter value
 * @param gradient bytes per gradient value
 * @param optimizerState bytes per value of the optimizer's state
 * @param layerBuffer bytes per value of a layer's buffers (activations, their gradients, outputs)
 */
public record ValueBytes(int parameter, int gradient, int optimizerState, int layerBuffer) {

    /** Bytes per value of the arrays that stay float64 in every precision (states, loss, masks, data). */
    public static final int DOUBLE = Double.BYTES;

    /**
     * @param precision a network's precision
     * @return the widths of its arrays
     */
    public static ValueBytes of(Precision precision) {
        return switch (precision) {
            case FLOAT32 -> new ValueBytes(Float.BYTES, Float.BYTES, Float.BYTES, Float.BYTES);
            case FLOAT64 -> new ValueBytes(DOUBLE, DOUBLE, DOUBLE, DOUBLE);
        };
    }

    /**
     * @return whether the layers compute in a narrower type than the loss: the output is then
     *     widened to doubles for the loss and its gradient rounded back, and a double-backed
     *     input batch is rounded on its way into the first layer (each a buffer more)
     */
    public boolean narrowerThanTheLoss() {
        return layerBuffer < DOUBLE;
    }
}
