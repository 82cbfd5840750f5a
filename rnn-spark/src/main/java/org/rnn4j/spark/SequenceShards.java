package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.SequenceDataset;

/**
 * Independent sequences ({@link SequenceDataset}: classify, regress, tag, forecast windows) spread
 * over the workers: the examples are dealt to the N workers by a seeded {@link ShardPlan} over
 * the example indices, each worker keeps only its examples in a cached RDD partition, and for
 * each global batch (whatever the epoch's shuffle put in it) worker w computes the batch's rows
 * whose examples it holds, padded to the batch's length as the whole batch is. Only the row and
 * example indices travel with each step, never the data; so the rows a worker computes per
 * batch vary (on average B / N), and the sum of the shards' gradients is the batch's gradient
 * whichever worker computes which row (up to the order of the floating-point sum).
 *
 * <p>The driver still reads the data (the dataset is built there: the file read, the
 * standardisation fitted on the training part) and checks that each of the trainer's batches
 * holds the held examples (every row's length and first step).
 */
final class SequenceShards implements HeldData {

    private final JavaRDD<Part> parts;
    private final int workers;
    private final int[] owner;
    private final int[] local;
    private final int[] lengths;
    private final double[][] firstSteps;

    /**
     * @param spark the context
     * @param data the training sequences, as the trainer is given them
     * @param plan which worker holds which examples (a plan over the examples, not a batch's rows)
     * @throws IllegalArgumentException if the plan is not over the dataset's examples
     */
    SequenceShards(JavaSparkContext spark, SequenceDataset data, ShardPlan plan) {
        int n = data.size();
        this.workers = plan.workers();
        this.owner = new int[n];
        this.local = new int[n];
        this.lengths = new int[n];
        this.firstSteps = new double[n][];
        Arrays.fill(owner, -1);
        List<Part> list = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int[] examples = plan.rows(w);
            double[][] xs = new double[examples.length][];
            double[][] ds = new double[examples.length][];
            int[] steps = new int[examples.length];
            int inputs = 0;
            int outputs = 0;
            for (int i = 0; i < examples.length; i++) {
                int e = examples[i];
                if (e < 0 || e >= n || owner[e] >= 0) {
                    throw new IllegalArgumentException("the plan deals example " + e + " of " + n + " twice or "
                            + "out of range");
                }
                Batch one = data.batch(e);
                inputs = one.input().features();
                outputs = one.target().features();
                xs[i] = one.input().data().clone();
                ds[i] = one.target().data().clone();
                steps[i] = one.input().steps();
                owner[e] = w;
                local[e] = i;
                lengths[e] = steps[i];
                firstSteps[e] = Arrays.copyOf(xs[i], inputs);
            }
            list.add(new Part(w, xs, ds, steps, inputs, outputs, data.isPerSequence()));
        }
        if (Arrays.stream(owner).anyMatch(o -> o < 0)) {
            throw new IllegalArgumentException("the plan leaves some of the " + n + " examples to no worker");
        }
        this.parts = spark.parallelize(list, workers).persist(StorageLevel.MEMORY_ONLY());
    }

    /** @return how many examples each worker holds */
    int[] held() {
        int[] count = new int[workers];
        for (int o : owner) {
            count[o]++;
        }
        return count;
    }

    @Override
    public GlobalBatch batch(Batch b, boolean carried) {
        int[] examples = b.examples();
        int rows = examples.length;
        int steps = b.input().steps();
        List<List<Integer>> byWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            byWorker.add(new ArrayList<>());
        }
        for (int r = 0; r < rows; r++) {
            requireHeld(b, r);
            byWorker.get(owner[examples[r]]).add(r);
        }
        int[][] rowsOf = new int[workers][];
        int[][] localOf = new int[workers][];
        for (int w = 0; w < workers; w++) {
            rowsOf[w] = byWorker.get(w).stream().mapToInt(Integer::intValue).toArray();
            localOf[w] = Arrays.stream(rowsOf[w]).map(r -> local[examples[r]]).toArray();
        }
        return new Step(parts, ShardPlan.ofRows(rowsOf), localOf, rows, steps, b.input().mask() != null,
                b.target().steps(), b.realSteps(), b.lossRows());
    }

    /** Row r of the trainer's batch must be the held example it names: its length and first step. */
    private void requireHeld(Batch b, int r) {
        int e = b.examples()[r];
        Sequence x = b.input();
        boolean ok = e >= 0 && e < owner.length;
        if (ok) {
            int length = x.steps();
            if (x.mask() != null) {
                length = 0;
                while (length < x.steps() && x.mask()[length * x.batch() + r]) {
                    length++;
                }
            }
            ok = length == lengths[e] && x.features() == firstSteps[e].length;
            for (int f = 0; ok && f < x.features(); f++) {
                ok = x.data()[r * x.features() + f] == firstSteps[e][f];
            }
        }
        if (!ok) {
            throw new IllegalStateException("row " + r + " of the trainer's batch is not example " + e + " of the "
                    + owner.length + " sequences the workers hold; train on the SequenceDataset they were given, "
                    + "without a validation fraction");
        }
    }

    @Override
    public void close() {
        parts.unpersist(false);
    }

    /** One step's batch: which rows each worker computes, from which of its examples. */
    private static final class Step implements GlobalBatch {

        private final JavaRDD<Part> parts;
        private final ShardPlan plan;
        private final int[][] localOf;
        private final int rows;
        private final int steps;
        private final boolean masked;
        private final int targetSteps;
        private final long realSteps;
        private final long lossRows;

        Step(JavaRDD<Part> parts, ShardPlan plan, int[][] localOf, int rows, int steps, boolean masked,
                int targetSteps, long realSteps, long lossRows) {
            this.parts = parts;
            this.plan = plan;
            this.localOf = localOf;
            this.rows = rows;
            this.steps = steps;
            this.masked = masked;
            this.targetSteps = targetSteps;
            this.realSteps = realSteps;
            this.lossRows = lossRows;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public ShardPlan plan() {
            return plan;
        }

        @Override
        public long realSteps() {
            return realSteps;
        }

        @Override
        public JavaRDD<ShardBatch> shards(List<State> carried) {
            int[][] rowsOf = new int[plan.workers()][];
            double[][][][] initial = new double[plan.workers()][][][];
            for (int w = 0; w < rowsOf.length; w++) {
                rowsOf[w] = plan.rows(w);
                initial[w] = Rows.states(carried, rows, rowsOf[w]);
            }
            int[][] locals = localOf;
            int t = steps;
            boolean m = masked;
            int ts = targetSteps;
            long n = lossRows;
            return parts.map(p -> p.batch(rowsOf[p.index], locals[p.index], t, m, ts, n, initial[p.index]));
        }
    }

    /** One worker's examples: inputs T_e x I and targets (T_e x O, or O per sequence), flat. */
    private static final class Part implements Serializable {

        private static final long serialVersionUID = 1L;

        final int index;
        final double[][] xs;
        final double[][] ds;
        final int[] steps;
        final int inputs;
        final int outputs;
        final boolean perSequence;

        Part(int index, double[][] xs, double[][] ds, int[] steps, int inputs, int outputs, boolean perSequence) {
            this.index = index;
            this.xs = xs;
            this.ds = ds;
            this.steps = steps;
            this.inputs = inputs;
            this.outputs = outputs;
            this.perSequence = perSequence;
        }

        /**
         * The worker's rows of a global batch, built as the driver would cut them from it
         * ({@link Rows}): T steps, zero-padded, masked if the global batch is.
         */
        ShardBatch batch(int[] globalRows, int[] examples, int steps, boolean masked, int targetSteps,
                long lossRows, double[][][] initial) {
            int m = examples.length;
            if (m == 0) {
                return ShardBatch.empty(index, steps, inputs, lossRows);
            }
            double[] x = new double[steps * m * inputs];
            boolean[] mask = masked ? new boolean[steps * m] : null;
            double[] d = new double[targetSteps * m * outputs];
            for (int i = 0; i < m; i++) {
                int e = examples[i];
                for (int t = 0; t < this.steps[e]; t++) {
                    System.arraycopy(xs[e], t * inputs, x, (t * m + i) * inputs, inputs);
                    if (mask != null) {
                        mask[t * m + i] = true;
                    }
                    if (!perSequence) {
                        System.arraycopy(ds[e], t * outputs, d, (t * m + i) * outputs, outputs);
                    }
                }
                if (perSequence) {
                    System.arraycopy(ds[e], 0, d, i * outputs, outputs);
                }
            }
            Sequence in = Sequence.wrap(steps, m, inputs, x, mask);
            Sequence out = Sequence.wrap(targetSteps, m, outputs, d, perSequence ? null : mask);
            return ShardBatch.of(index, new Batch(in, out, examples), globalRows, initial, lossRows);
        }
    }
}
