package org.rnn4j.spark;

import org.rnn4j.core.train.Batch;

/**
 * Training data spread over the workers once, each keeping only its part ({@link StreamShards}
 * for a text's streams, {@link SequenceShards} for independent sequences): the driver finds
 * each global batch among the data the workers hold and has them build their shards themselves.
 */
interface HeldData extends AutoCloseable {

    /**
     * @param b the trainer's global batch, which must be one of the held data's
     * @param carried whether the batch continues the previous one (a stream's carried state)
     * @return the batch, its shards to be built on the workers
     * @throws IllegalStateException if the batch is not one of the held data's
     */
    GlobalBatch batch(Batch b, boolean carried);

    /** Releases the workers' copies. */
    @Override
    void close();
}
