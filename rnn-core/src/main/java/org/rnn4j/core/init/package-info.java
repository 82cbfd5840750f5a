/**
 * Weight initialisers chosen per layer by name, and seeded: {@code pytorch} (PyTorch's default
 * U(-1/sqrt(H), 1/sqrt(H))), {@code xavier_uniform} (Glorot and Bengio 2010), {@code orthogonal}
 * (Saxe et al. 2014, for recurrent weights) and {@code zeros}.
 *
 * <p>A user picks them with the layer options {@code init} (input and output weights),
 * {@code init_hh} (recurrent weights) and {@code init_bias} (biases), which
 * {@link org.rnn4j.core.NetworkBuilder} takes out of the options before it calls the layer's
 * provider and applies after, through {@link org.rnn4j.core.init.LayerInit}:
 *
 * <pre>{@code
 * .recurrent("elman", 128, Map.of("activation", "tanh", "init", "xavier_uniform", "init_hh", "orthogonal"))
 * }</pre>
 */
package org.rnn4j.core.init;
