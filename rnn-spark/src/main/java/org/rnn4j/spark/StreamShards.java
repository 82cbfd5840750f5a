package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.api.State;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.StreamDataset;

/**
 * A character stream ({@link StreamDataset}'s B streams of L = N / B tokens) spread over the
 * workers: worker w keeps only the tokens of its streams ({@link ShardPlan}, seeded), in a cached
 * RDD partition, and builds its part of batch s itself. Only the carried states (B rows per
 * layer, small) travel with each step; the text is shipped once. Worker w's streams, laid end to
 * end, are a stream dataset of |rows_w| streams with the same L and T, so its batch s holds
 * exactly the global batch s's rows of those streams.
 */
final class StreamShards implements AutoCloseable {

    private final JavaRDD<Shard> shards;
    private final ShardPlan plan;
    private final int streams;
    private final int steps;
    private final int batches;

    /**
     * @param spark the context
     * @param tokens the text, as {@link StreamDataset#of} takes it
     * @param vocabulary V
     * @param streams B
     * @param seqLength T
     * @param plan which worker holds which streams (B rows)
     * @throws IllegalArgumentException as {@link StreamDataset#of} does
     */
    StreamShards(JavaSparkContext spark, int[] tokens, int vocabulary, int streams, int seqLength, ShardPlan plan) {
        StreamDataset whole = StreamDataset.of(tokens, vocabulary, streams, seqLength); // checks the arguments
        this.batches = whole.batchesPerEpoch();
        this.plan = plan;
        this.streams = streams;
        this.steps = seqLength;
        int perStream = tokens.length / streams;
        List<Shard> list = new ArrayList<>(plan.workers());
        for (int w = 0; w < plan.workers(); w++) {
            int[] rows = plan.rows(w);
            int[] mine = new int[rows.length * perStream];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(tokens, rows[i] * perStream, mine, i * perStream, perStream);
            }
            list.add(new Shard(w, rows, mine, vocabulary, seqLength));
        }
        this.shards = spark.parallelize(list, plan.workers()).persist(StorageLevel.MEMORY_ONLY());
    }

    /** @return the batches of one epoch */
    int batchesPerEpoch() {
        return batches;
    }

    /** @return the global batches of one epoch, in order (streams are never shuffled) */
    Iterator<GlobalBatch> epoch() {
        return new Iterator<>() {
            private int s;

            @Override
            public boolean hasNext() {
                return s < batches;
            }

            @Override
            public GlobalBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(s++);
            }
        };
    }

    private GlobalBatch batch(int s) {
        long real = (long) streams * steps;
        return new GlobalBatch() {
            @Override
            public int rows() {
                return streams;
            }

            @Override
            public ShardPlan plan() {
                return plan;
            }

            @Override
            public long realSteps() {
                return real;
            }

            @Override
            public JavaRDD<ShardBatch> shards(List<State> carried) {
                double[][][][] initial = new double[plan.workers()][][][];
                for (int w = 0; w < initial.length; w++) {
                    initial[w] = Rows.states(carried, streams, plan.rows(w));
                }
                return shards.map(shard -> shard.batch(s, initial[shard.index], real));
            }
        };
    }

    @Override
    public void close() {
        shards.unpersist(false);
    }

    /** One worker's streams, end to end. */
    private static final class Shard implements Serializable {

        private static final long serialVersionUID = 1L;

        final int index;
        final int[] rows;
        final int[] tokens;
        final int vocabulary;
        final int seqLength;
        private transient StreamDataset data;

        Shard(int index, int[] rows, int[] tokens, int vocabulary, int seqLength) {
            this.index = index;
            this.rows = rows;
            this.tokens = tokens;
            this.vocabulary = vocabulary;
            this.seqLength = seqLength;
        }

        ShardBatch batch(int s, double[][][] initial, long globalReal) {
            if (rows.length == 0) {
                return ShardBatch.empty(index, seqLength, vocabulary, globalReal);
            }
            if (data == null) {
                data = StreamDataset.of(tokens, vocabulary, rows.length, seqLength);
            }
            Batch b = data.epoch(null, s).next();
            return ShardBatch.of(index, b, initial, globalReal);
        }
    }
}
