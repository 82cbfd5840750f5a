package org.rnn4j.api;

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
}
