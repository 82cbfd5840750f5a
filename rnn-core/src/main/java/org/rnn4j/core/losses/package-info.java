/**
 * The built-in losses: {@code half_sse}, {@code mse} and {@code softmax_cross_entropy}. Not
 * exported: they are reached through {@link org.rnn4j.api.Loss} and the registry.
 */
package org.rnn4j.core.losses;
