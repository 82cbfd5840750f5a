package org.rnn4j.api;

/**
 * Makes optimizers of one kind from hyperparameters; found by {@link java.util.ServiceLoader}
 * and chosen by {@link #name()}. Implementations have a public no-argument constructor.
 */
public interface OptimizerProvider {

    /** @return the name, lower case ({@code "sgd"}, {@code "adam"}) */
    String name();

    /**
     * Makes an optimizer.
     *
     * @param hyperparameters the user's settings ({@code lr}, {@code momentum}, ...); absent ones
     *     take the documented defaults
     * @return a new optimizer with empty state
     * @throws IllegalArgumentException on an unknown setting or a value out of its range (the
     *     message names the setting and the allowed range)
     */
    Optimizer create(Options hyperparameters);
}
