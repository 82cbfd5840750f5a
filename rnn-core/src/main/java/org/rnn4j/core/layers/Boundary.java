package org.rnn4j.core.layers;

import java.util.Arrays;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Where a float64 layer's arrays meet the API's float64 {@link Sequence}s and {@link State}s:
 * here they are the same arrays, so nothing is copied. Its float32 twin, {@link BoundaryF32},
 * converts at the same places; the layer code calls these methods in either precision and is
 * generated from one source (rnn-core/src/build). One instance per layer holds the buffers of
 * the conversions its twin needs.
 */
final class Boundary {

    /**
     * @param x a layer's input
     * @return its values as the layer's products read them
     */
    double[] input(Sequence x) {
        return x.data();
    }

    /**
     * @param dy dL/d(output) handed to a layer's backward pass
     * @return its values as the layer reads them
     */
    double[] gradient(Sequence dy) {
        return dy.data();
    }

    /**
     * Copies the first n values of dL/d(output) into a layer's own buffer (which its backward
     * pass then overwrites in place).
     *
     * @param dy dL/d(output)
     * @param into the layer's buffer
     * @param n how many values
     */
    void readGradient(Sequence dy, double[] into, int n) {
        System.arraycopy(dy.data(), 0, into, 0, n);
    }

    /**
     * The layer's output as a sequence.
     *
     * @param cached the view returned last time, reused when it fits
     * @param steps T
     * @param batch B
     * @param features the output width
     * @param data the layer's output array
     * @param mask the input's mask
     * @return the output
     */
    Sequence output(Sequence cached, int steps, int batch, int features, double[] data, boolean[] mask) {
        return Shapes.view(cached, steps, batch, features, data, mask);
    }

    /**
     * Where a layer writes its dL/dx while its network's backward pass lends it a shared buffer
     * ({@link InputGradients}).
     *
     * @param slot the layer's shared buffer, or null when it has none
     * @param n T B I, the values of dL/dx
     * @return the shared array of n values while the network lends it, else null (the layer then
     *     uses its own)
     */
    double[] sharedInputGradient(InputGradients.Slot slot, int n) {
        return slot != null && slot.lent() ? slot.doubles(n) : null;
    }

    /**
     * The layer's input gradient as a sequence (a buffer apart from {@link #output}'s).
     *
     * @param cached the view returned last time, reused when it fits
     * @param steps T
     * @param batch B
     * @param features the input width
     * @param data the layer's dL/dx array
     * @param mask the input's mask
     * @return dL/dx
     */
    Sequence inputGradient(Sequence cached, int steps, int batch, int features, double[] data, boolean[] mask) {
        return Shapes.view(cached, steps, batch, features, data, mask);
    }

    /**
     * Copies n values between a layer's arrays and the API's (a {@link State}'s blocks).
     *
     * @param from source
     * @param fromOff first source index
     * @param to destination
     * @param toOff first destination index
     * @param n how many
     */
    static void copy(double[] from, int fromOff, double[] to, int toOff, int n) {
        System.arraycopy(from, fromOff, to, toOff, n);
    }

    /**
     * A new state made of the range [from, to) of each block.
     *
     * @param blocks the layer's arrays
     * @param from first index
     * @param to one past the last index
     * @return the state, sharing nothing with the blocks
     */
    static State state(double[][] blocks, int from, int to) {
        double[][] parts = new double[blocks.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Arrays.copyOfRange(blocks[i], from, to);
        }
        return new State(parts);
    }
}
