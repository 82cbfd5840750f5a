package org.rnn4j.api;

import java.util.Map;
import java.util.Optional;

/**
 * Makes layers of one kind; found by {@link java.util.ServiceLoader} and chosen by
 * {@link #name()}. Implementations have a public no-argument constructor and are stateless.
 */
public interface LayerProvider {

    /** @return the kind's name, lower case ({@code "elman"}, {@code "lstm"}, {@code "dense"}) */
    String name();

    /** @return whether the layers carry a state from step to step */
    boolean recurrent();

    /**
     * Makes a layer with freshly initialised parameters.
     *
     * @param spec sizes, options and the random source for initialisation
     * @return a new layer
     * @throws IllegalArgumentException on an option this kind does not know or a bad value
     */
    Layer create(LayerSpec spec);

    /**
     * The names and shapes of the parameters that {@link #create} would make for these sizes and
     * options, in the order of the layer's {@link Layer#parameters()}, worked out without making
     * them. A loader checks a file's tensors against them before it builds anything, so that a file
     * cannot make it allocate weights the file does not hold. Dimensions are longs so that a gate
     * count times a size near {@link Integer#MAX_VALUE} does not overflow. A layer whose shapes are
     * declared is expected to give {@code outputSize} features per step.
     *
     * <p>The default says nothing (an empty optional): a loader then bounds the layer's sizes by the
     * file's size more loosely and learns its shapes by building it. The built-in layers all
     * declare their shapes; rnn-testkit's conformance check holds a declaration to {@link #create}.
     *
     * @param inputSize features per step in, at least 1
     * @param outputSize features per step out (the hidden size of a recurrent layer), at least 1
     * @param options the layer's settings, as {@link #create} would get them
     * @return parameter name to shape, in the layer's parameter order; or empty if not declared
     * @throws IllegalArgumentException on an option {@link #create} would reject
     */
    default Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        return Optional.empty();
    }
}
