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
 */
public record LayerSpec(String kind, int inputSize, int outputSize, Options options,
        Function<String, Activation> activations, RandomGenerator random) {

    /** Checks the sizes and that nothing is missing. */
    public LayerSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(random, "random");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("layer '" + kind + "' needs input and output sizes >= 1, got "
                    + inputSize + " -> " + outputSize);
        }
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
