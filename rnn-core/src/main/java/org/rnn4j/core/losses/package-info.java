/**
 * The built-in losses: {@code half_sse}, {@code mse}, {@code mae}, {@code huber},
 * {@code softmax_cross_entropy} (probability targets) and {@code sparse_softmax_cross_entropy}
 * (class-index targets). Not
 * exported: they are reached through {@link org.rnn4j.api.Loss} and the registry.
 */
package org.rnn4j.core.losses;
