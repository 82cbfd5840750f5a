/**
 * The built-in layers: the recurrent {@code elman}, {@code lstm} and {@code gru} (each a
 * {@code Cell}, its step forward and backward side by side, driven by one loop over time,
 * {@code RecurrentLayer}, over buffers shared in {@code Steps}), the
 * {@link org.rnn4j.core.layers.Bidirectional} wrapper for any recurrent layer, and
 * {@code dense} (the time-distributed output head). Not exported: they are reached through
 * {@link org.rnn4j.api.LayerProvider} and the registry.
 */
package org.rnn4j.core.layers;
