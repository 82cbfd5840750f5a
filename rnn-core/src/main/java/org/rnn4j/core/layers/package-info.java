/**
 * The built-in layers: {@code elman} (the simple recurrent layer) and {@code dense} (the
 * time-distributed output head). Not exported: they are reached through
 * {@link org.rnn4j.api.LayerProvider} and the registry.
 */
package org.rnn4j.core.layers;
