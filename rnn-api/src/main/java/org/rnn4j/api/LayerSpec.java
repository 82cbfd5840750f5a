package org.rnn4j.api;

import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a {@link LayerProvider} needs to make a layer: sizes, the user's options, a way to
 * look activations up by name, and the random source for initial weights.
 *
 * @param kind the provider name ({@code "elman"})
 * @param inputSize features per step in, at least 1
 * @param outputSize features per step out (the hidden size of a recurrent layer), at least 1
 * @param options the layer's settings (for example {@code activation=tanh}, {@code bias=false})
 * @param activations looks an installed activation up by name, failing with the list of
 *     installed ones
 * @param random source of initial weights; seeded by the caller for reproducibility
 * @param precision what the network computes in; a provider may make a layer that computes in
 *     it (the built-in recurrent and dense layers do) or ignore it: a layer's {@link Sequence}s
 *     and {@link Parameter}s are float64 arrays either way, so a plug-in written before float32
 *     existed runs unchanged in a float32 network, computing in float64
 */
public record LayerSpec(String kind, int inputSize, int outputSize, Options options,
        Function<String, Activation> activations, RandomGenerator random, Precision precision) {

    /** Checks the sizes and that nothing is missing. */
    public LayerSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(precision, "precision");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("layer '" + kind + "' needs input and output sizes >= 1, got "
                    + inputSize + " -> " + outputSize);
        }
    }

    /**
     * A spec for a float64 layer (the form before precisions existed).
     *
     * @param kind the provider name
     * @param inputSize features per step in
     * @param outputSize features per step out
     * @param options the layer's settings
     * @param activations looks an installed activation up by name
     * @param random source of initial weights
     */
    public LayerSpec(String kind, int inputSize, int outputSize, Options options,
            Function<String, Activation> activations, RandomGenerator random) {
        this(kind, inputSize, outputSize, options, activations, random, Precision.FLOAT64);
    }

    /**
     * The activation named by option {@code key}, or {@code fallback} when the option is absent.
     *
     * @param key the option ({@code "activation"}, {@code "gate_activation"})
     * @param fallback the default activation's name
     * @return the installed activation
     * @throws IllegalArgumentException if no activation of that name is installed
     */
    public Activation activation(String key, String fallback) {
        return activations.apply(options.string(key, fallback));
    }
}
