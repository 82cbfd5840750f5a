package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
final class StreamShards implements HeldData {

    private final JavaRDD<Shard> shards;
    private final int[] tokens;
    private final int perStream;
    private final ShardPlan plan;
    private final int streams;
    private final int steps;
    private final int batches;
    private int next;

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
        this.tokens = tokens;
        this.perStream = tokens.length / streams;
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

    @Override
    public GlobalBatch batch(Batch b, boolean carried) {
        int s = locate(b, carried ? next : 0);
        next = s + 1;
        return batch(s);
    }

    /**
     * Which stream batch a global batch is: {@code guess} if its first and last steps hold that
     * batch's tokens in every stream, else the first batch that does.
     *
     * @param b a batch of the stream dataset over the same text, B and T
     * @param guess the expected index (the one after the last batch, or 0)
     * @return its index s
     * @throws IllegalStateException if it is none of this text's batches
     */
    int locate(Batch b, int guess) {
        if (guess >= 0 && guess < batches && holds(b, guess)) {
            return guess;
        }
        for (int s = 0; s < batches; s++) {
            if (holds(b, s)) {
                return s;
            }
        }
        throw new IllegalStateException("the trainer's batch is none of the " + batches + " batches of the text the "
                + "workers hold; train on StreamDataset.of(tokens, V, B, T) of the same tokens, B and T");
    }

    private boolean holds(Batch b, int s) {
        if (b.input().batch() != streams || b.input().steps() != steps) {
            return false;
        }
        for (int r = 0; r < streams; r++) {
            for (int t : new int[] {0, steps - 1}) {
                if (b.input().get(t, r, tokens[r * perStream + s * steps + t]) != 1
                        || b.target().get(t, r, tokens[r * perStream + s * steps + t + 1]) != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param s the batch's index in the epoch
     * @return stream batch s, its shards built on the workers
     */
    GlobalBatch batch(int s) {
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
            return ShardBatch.of(index, b, rows, initial, globalReal);
        }
    }
}
