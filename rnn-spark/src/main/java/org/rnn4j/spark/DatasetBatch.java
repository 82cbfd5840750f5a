package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.api.State;
import org.rnn4j.core.train.Batch;

/**
 * A global batch that the driver read from a {@code Dataset} and cuts into shards itself, shipping
 * each worker its rows with the step's task (the path for any dataset, sequences with masks
 * among them; for text, {@link StreamShards} keeps the data on the workers instead).
 */
final class DatasetBatch implements GlobalBatch {

    private final JavaSparkContext spark;
    private final Batch batch;
    private final ShardPlan plan;

    /**
     * @param spark the context
     * @param batch the global batch (used before the dataset's next batch)
     * @param plan which worker computes which rows
     */
    DatasetBatch(JavaSparkContext spark, Batch batch, ShardPlan plan) {
        this.spark = spark;
        this.batch = batch;
        this.plan = plan;
    }

    @Override
    public int rows() {
        return batch.input().batch();
    }

    @Override
    public ShardPlan plan() {
        return plan;
    }

    @Override
    public long realSteps() {
        return batch.realSteps();
    }

    @Override
    public JavaRDD<ShardBatch> shards(List<State> carried) {
        List<ShardBatch> parts = new ArrayList<>(plan.workers());
        for (int w = 0; w < plan.workers(); w++) {
            parts.add(ShardBatch.of(w, batch, plan.rows(w), carried));
        }
        return spark.parallelize(parts, plan.workers());
    }
}
