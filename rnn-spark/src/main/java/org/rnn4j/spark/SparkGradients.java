package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.BatchGradients;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A {@code Trainer}'s gradients computed by N Spark workers: the global batch is cut into the
 * shards of a {@link ShardPlan} (or, for data the workers hold, {@link HeldData}, found among their batches),
 * each worker returns its weighted gradient ({@link ShardWorker}), and they are added into the
 * driver network's gradients in shard order:
 *
 * <pre>
 *   G = (((0 + G_0) + G_1) + ...) + G_{N-1},   L = sum_w L_w (same order)
 * </pre>
 *
 * <p><b>Why gather and sum on the driver.</b> Spark's {@code treeAggregate} and {@code reduce}
 * merge partial results in the order tasks finish, and {@code treeAggregate}'s upper levels go
 * through a shuffle whose fetch order varies too, so the rounding of the sum would change from
 * run to run; barrier mode's {@code allGather} exchanges strings through the driver and makes one
 * failed task restart the whole stage. {@code collect()} returns the shards' results indexed by
 * partition whatever the finishing order, and a retried task recomputes the same result from
 * the same inputs, so the sum is reproducible bit for bit. It costs N gradient vectors into the
 * driver per step (W3's 230,465 parameters are 1.8 MB per worker, W4's 1,903,681 are 15 MB;
 * README, "Training on a cluster", has the measured cost): fine for tens of workers; a
 * deterministic two-level tree (partials keyed by partition range, summed in index order) is
 * the step beyond.
 *
 * <p>The parameters go to the workers as a broadcast per step, the network's description once
 * per run; one instance serves one run ({@link #close()} releases the broadcasts and the held data).
 */
final class SparkGradients implements BatchGradients, AutoCloseable {

    private final JavaSparkContext spark;
    private final int workers;
    private final Network net;
    private final int truncation;
    private final long seed;
    private final HeldData held;
    private final String run = UUID.randomUUID().toString();
    private final Broadcast<byte[]> model;
    private List<State> finalStates;
    private long steps;
    private double computeSeconds;
    private double totalSeconds;

    /**
     * @param spark the context
     * @param workers N
     * @param net the driver's network (its gradients receive the sums)
     * @param truncation the config's truncation k, 0 for none
     * @param seed the seed of the shard plans
     * @param held the data the workers hold, or null to ship each batch's rows from the driver
     */
    SparkGradients(JavaSparkContext spark, int workers, Network net, int truncation, long seed, HeldData held) {
        this.spark = spark;
        this.workers = workers;
        this.net = net;
        this.truncation = truncation;
        this.seed = seed;
        this.held = held;
        this.model = spark.broadcast(ModelFile.toBytes(SavedModel.of(net)));
    }

    @Override
    public double gradients(Batch batch, List<State> initial) {
        long started = System.nanoTime();
        GlobalBatch global = held != null ? held.batch(batch, initial != null)
                : new DatasetBatch(spark, batch, ShardPlan.of(batch.input().batch(), workers, seed));
        List<Parameter> params = net.parameters();
        double[][] values = new double[params.size()][];
        for (int p = 0; p < values.length; p++) {
            values[p] = params.get(p).values(); // a copy, exact in either precision
        }
        Broadcast<double[][]> now = spark.broadcast(values);
        List<ShardGradient> results;
        try {
            results = new ArrayList<>(global.shards(initial).map(new ShardWorker(run, model, now, truncation,
                    net.dropoutStep())).collect());
        } finally {
            now.destroy();
        }
        results.sort(Comparator.comparingInt(r -> r.shard));
        double loss = sum(results, global.plan(), global.rows());
        steps++;
        totalSeconds += (System.nanoTime() - started) / 1e9;
        return loss;
    }

    @Override
    public List<State> finalStates() {
        return finalStates;
    }

    /** @return where the steps' time went so far */
    StepTiming timing() {
        return new StepTiming(steps, computeSeconds, totalSeconds);
    }

    @Override
    public void close() {
        model.destroy();
        if (held != null) {
            held.close();
        }
    }

    private double sum(List<ShardGradient> results, ShardPlan plan, int rows) {
        List<Parameter> params = net.parameters();
        params.forEach(Parameter::zeroGrad);
        double loss = 0;
        long slowest = 0;
        double[][][] states = null;
        // a float32 parameter's sum is made in double and rounded once, at the end
        double[][] floatSums = new double[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            if (params.get(p).precision() == Precision.FLOAT32) {
                floatSums[p] = new double[params.get(p).size()];
            }
        }
        for (ShardGradient r : results) {
            slowest = Math.max(slowest, r.computeNanos);
            int[] mine = plan.rows(r.shard);
            if (r.gradients != null) {
                loss += r.loss;
                for (int p = 0; p < params.size(); p++) {
                    double[] g = floatSums[p] != null ? floatSums[p] : params.get(p).grad();
                    double[] add = r.gradients[p];
                    for (int i = 0; i < g.length; i++) {
                        g[i] += add[i];
                    }
                }
            }
            if (r.finalStates != null && mine.length > 0) {
                states = states != null ? states : allocate(r.finalStates, mine.length, rows);
                Rows.put(states, rows, mine, r.finalStates);
            }
        }
        for (int p = 0; p < params.size(); p++) {
            if (floatSums[p] != null) {
                float[] g = params.get(p).floatGrad();
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) floatSums[p][i];
                }
            }
        }
        computeSeconds += slowest / 1e9;
        finalStates = Rows.toStates(states);
        return loss;
    }

    private static double[][][] allocate(double[][][] like, int shardRows, int rows) {
        double[][][] out = new double[like.length][][];
        for (int l = 0; l < like.length; l++) {
            out[l] = new double[like[l].length][];
            for (int p = 0; p < like[l].length; p++) {
                out[l][p] = new double[like[l][p].length / shardRows * rows];
            }
        }
        return out;
    }
}
