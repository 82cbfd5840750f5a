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
     * Whether the layers are sequence heads, which the network builder puts between the
     * recurrent layers and the output layer ({@code head(kind)}, {@code lastStep()},
     * {@code pool("mean")}). A head departs from {@link Layer}'s per-step contract: its
     * {@code forward} maps a T x B x F batch (mask included) to a 1 x B x F one, one row per
     * sequence, with no mask, and its {@code backward} maps dL/dy of that shape back to a
     * T x B x F dL/d(input) that is zero on padded rows. It is made with input size = output
     * size = F, and the builder sets the option {@code reverse_from} = r when the layer below is
     * bidirectional: features r..F-1 then read the sequence backwards, so their "last" step is
     * the first one. The default is false.
     *
     * @return whether this kind is a sequence head
     */
    default boolean sequenceHead() {
        return false;
    }

    /**
     * Whether the layers read indices (an embedding): a layer made with input size V reads a
     * T x B x 1 batch holding one whole number in [0, V) per real step, and its
     * {@code backward} returns zeros of that shape (an index has no gradient). The network
     * builder puts such a layer first ({@code embedding(dim)}), made with the network's input
     * size as V. The default is false.
     *
     * @return whether this kind reads indices
     */
    default boolean indexInput() {
        return false;
    }

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

    /**
     * The value each option takes when a layer description leaves it out, for the options whose
     * default this kind documents (for {@code elman}: {@code activation=tanh}, {@code bias=true}).
     * A description keeps only the settings the user gave; a file writer that must state a setting
     * in full (a model file's {@code nonlinearity}, PyTorch's name for it) reads the rest here
     * instead of knowing the layer's code. {@link #create} with an option left out behaves as with
     * the option set to the value given here. The default is an empty map (nothing declared).
     *
     * @return option name to its default value as text, unmodifiable
     */
    default Map<String, String> defaultOptions() {
        return Map.of();
    }
}
