package org.rnn4j.examples.limits;

import org.rnn4j.api.Precision;

/**
 * How many bytes a value of each kind of array a network keeps takes, by the network's
 * precision: the one place {@link RunMemory} takes its widths from.
 *
 * <p>In this release a float32 network's layers compute in float and keep their buffers for
 * backpropagation through time, the sequences they exchange and their products' partial sums
 * as float arrays (4 bytes a value), while the parameters' values and gradients and the
 * optimizer's state stay {@code double[]} behind {@code Parameter} (8 bytes), and each float32
 * layer keeps two float arrays per parameter beside them (its weights rounded to float, and
 * the weight gradient it sums before adding it to the parameter's). A float64 network keeps
 * everything in doubles and no copies. When parameter storage moves to float, this is what
 * changes.
 *
 * @param parameter bytes per parameter value
 * @param gradient bytes per gradient value
 * @param optimizerState bytes per value of the optimizer's state
 * @param layerBuffer bytes per value of a layer's buffers (activations, their gradients, outputs)
 * @param weightCopies float arrays (4 bytes a value) a layer keeps per parameter tensor
 */
public record ValueBytes(int parameter, int gradient, int optimizerState, int layerBuffer, int weightCopies) {

    /** Bytes per value of the arrays that stay float64 in every precision (states, loss, masks, data). */
    public static final int DOUBLE = Double.BYTES;

    /**
     * @param precision a network's precision
     * @return the widths of its arrays
     */
    public static ValueBytes of(Precision precision) {
        return switch (precision) {
            case FLOAT32 -> new ValueBytes(DOUBLE, DOUBLE, DOUBLE, Float.BYTES, 2);
            case FLOAT64 -> new ValueBytes(DOUBLE, DOUBLE, DOUBLE, DOUBLE, 0);
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
