package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What a worker sends back for its part of a step: its contribution to the global gradient and
 * loss (already weighted, see {@link ShardWorker}), the states its rows end in, and the time its
 * computation took.
 */
final class ShardGradient implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The worker's index. */
    final int shard;
    /** One array per parameter, in {@code Network.parameters()} order; null for an empty shard. */
    final double[][] gradients;
    /** The shard's loss term of the global loss. */
    final double loss;
    /** [layer][part][values] over the shard's rows; null for an empty shard. */
    final double[][][] finalStates;
    /** Nanoseconds of forward and backward on the worker. */
    final long computeNanos;

    ShardGradient(int shard, double[][] gradients, double loss, double[][][] finalStates, long computeNanos) {
        this.shard = shard;
        this.gradients = gradients;
        this.loss = loss;
        this.finalStates = finalStates;
        this.computeNanos = computeNanos;
    }
}
