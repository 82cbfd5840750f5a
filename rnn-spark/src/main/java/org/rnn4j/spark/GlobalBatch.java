package org.rnn4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.rnn4j.api.State;

/**
 * One step's global batch as the driver sees it: its size and real steps, and how to get its
 * shards onto the workers (cut on the driver, or built where a shard's data already lives).
 */
interface GlobalBatch {

    /** @return B, the rows (sequences or streams) of the global batch */
    int rows();

    /** @return which worker computes which rows */
    ShardPlan plan();

    /** @return the real (unmasked) steps of the whole global batch */
    long realSteps();

    /**
     * @param carried the states every row starts from, or null for zeros
     * @return one {@link ShardBatch} per worker, partition w holding shard w
     */
    JavaRDD<ShardBatch> shards(List<State> carried);
}
