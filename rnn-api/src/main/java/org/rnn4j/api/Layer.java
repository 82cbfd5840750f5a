package org.rnn4j.api;

import java.util.List;

/**
 * One layer of a network, applied to every step of a {@link Sequence}: a recurrent layer
 * (which carries a {@link State} from step to step) or a time-distributed feed-forward layer.
 * Made by a {@link LayerProvider} from a {@link LayerSpec}.
 *
 * <h2>Life cycle</h2>
 * {@link #forward} runs the layer over all T steps of a batch and keeps what
 * {@link #backward} needs; {@link #backward} then runs back through the same steps (for a
 * recurrent layer: backpropagation through time, one reversed loop), returns dL/d(input) and
 * adds dL/d(parameter) into each parameter's gradient (the convention of
 * {@link org.rnn4j.api}). One backward per forward: a layer may use up in its backward what its
 * forward kept (the built-in recurrent layers write their gate gradients over the saved
 * pre-activations, and throw on a second backward), so a caller runs forward again before
 * another backward. Returned sequences view buffers the layer owns and reuses: they stay
 * valid until the next call of the same method. A layer instance is therefore not safe for
 * concurrent use; make one network per thread.
 */
public interface Layer {

    /** @return the provider name that made this layer ({@code "elman"}) */
    String kind();

    /** @return features per step expected on input */
    int inputSize();

    /** @return features per step produced */
    int outputSize();

    /** @return the trainable parameters, in a fixed order, with names unique within the layer */
    List<Parameter> parameters();

    /**
     * The width of each block of this layer's recurrent state (Elman: {H}; LSTM: {H, H}); an
     * empty array for a feed-forward layer.
     *
     * @return the state block widths
     */
    default int[] stateSizes() {
        return new int[0];
    }

    /**
     * Runs the layer over every step of {@code x}.
     *
     * @param x input, {@code x.features() == inputSize()}
     * @param initial the state before step 0, or null for zeros; ignored by feed-forward layers
     * @return the output, {@code outputSize()} features per step, valid until the next forward
     * @throws IllegalArgumentException if the shapes do not fit (the message names the layer,
     *     the expected and the actual shape)
     */
    Sequence forward(Sequence x, State initial);

    /**
     * The state after the last step of the last forward (for masked batches: after each
     * sequence's own last real step), for carrying into the next batch.
     *
     * @return a new state; empty for a feed-forward layer
     */
    default State finalState() {
        return new State();
    }

    /**
     * Copies the state of {@link #finalState()} into {@code destination} without allocating:
     * for a training loop that carries the state from batch to batch at every step. The default
     * copies from {@link #finalState()}; layers override it to copy from their own buffers.
     *
     * @param destination blocks of {@link #stateSizes()} widths for the batch of the last
     *     forward, overwritten
     * @throws IllegalArgumentException if a block of {@code destination} has the wrong length
     */
    default void copyFinalState(State destination) {
        double[][] from = finalState().parts();
        if (destination.parts().length != from.length) {
            throw new IllegalArgumentException("the " + kind() + " layer has " + from.length
                    + " state block(s), the destination has " + destination.parts().length);
        }
        for (int i = 0; i < from.length; i++) {
            if (destination.part(i).length != from[i].length) {
                throw new IllegalArgumentException("the " + kind() + " layer's state block " + i + " has "
                        + from[i].length + " values, the destination's has " + destination.part(i).length);
            }
            System.arraycopy(from[i], 0, destination.part(i), 0, from[i].length);
        }
    }

    /**
     * Backpropagates through all steps of the last forward.
     *
     * @param dy dL/d(output), same shape as the last output
     * @return dL/d(input), valid until the next backward
     * @throws IllegalStateException if forward has not run
     */
    Sequence backward(Sequence dy);

    /**
     * {@link #backward} for a layer whose input is data, not another layer's output: adds
     * dL/d(parameter) into the gradients and keeps what {@link #initialStateGradient()} needs,
     * but may skip dL/d(input), which nobody reads (for the first layer of a char-level model
     * that product is a tenth of the training arithmetic). The default calls {@link #backward}.
     *
     * @param dy dL/d(output), same shape as the last output
     * @throws IllegalStateException if forward has not run
     */
    default void backwardWithoutInputGradient(Sequence dy) {
        backward(dy);
    }

    /**
     * dL/d(initial state) from the last backward, for gradient checks and for chaining
     * truncated segments; empty for a feed-forward layer.
     *
     * @return the gradient, one block per state block
     */
    default State initialStateGradient() {
        return new State();
    }
}
