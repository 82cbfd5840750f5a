package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.io.ModelFile;
import org.rnn4j.core.io.SavedModel;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.Seeds;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.TrainingConfig;

/**
 * Synchronous, exact data-parallel training on Spark: {@code Trainer}'s step, with the gradient
 * computed by N workers. Each step
 *
 * <pre>
 *   the driver cuts the global batch into N shards of rows ({@link ShardPlan}, seeded by the
 *   config's seed), each with the carried states of its rows (streams)
 *   worker w (a Spark task):  G_w, L_w = weighted BPTT of shard w from this step's parameters
 *                             ({@link ShardWorker})
 *   driver:   G = (((G_0 + G_1) + G_2) + ...) + G_{N-1},  L = sum_w L_w   (fixed order)
 *             clip(G); stop if L or ||G|| is not finite; theta = optimizer.step(theta)
 * </pre>
 *
 * so every replica starts every step from the driver's parameters, and the run equals
 * {@code Trainer}'s on one process with the same network, optimizer, config and data, up to the
 * order in which the floating-point terms of G are added (bit for bit with N = 1).
 *
 * <p><b>Why gather and sum on the driver.</b> Spark's {@code treeAggregate} and {@code reduce}
 * merge partial results in the order tasks finish, and {@code treeAggregate}'s upper levels go
 * through a shuffle whose fetch order varies too, so the rounding of the sum would change from
 * run to run; barrier mode's {@code allGather} exchanges strings through the driver and would
 * make one failed task restart the whole stage. {@code collect()} returns the shards' results
 * indexed by partition, whatever the finishing order, and a retried task recomputes the same
 * result from the same inputs, so the sum is reproducible bit for bit. Its cost is N gradient
 * vectors into the driver per step (for W4's ~0.5 M parameters, 4 MB per worker): fine for tens
 * of workers; a deterministic two-level tree (partials keyed by partition range, summed in
 * index order) is the next step beyond that.
 *
 * <p><b>Tolerance.</b> G differs from the one-process gradient only in the order in which the
 * per-row terms are added. Adding m terms in any order errs by at most
 * gamma_m sum |g_i|, gamma_m = m u / (1 - m u), u = 2^-53 (N. J. Higham, Accuracy and Stability
 * of Numerical Algorithms, 2nd ed., 2002, section 4.2); with m = B T &lt; 10^4 real steps per batch
 * and gradients of order 1, that is below 10^-12 per element. Through K plain SGD steps with
 * learning rate eta the parameters then differ by at most about K eta 10^-12 (1 + eta L)^K for a
 * gradient Lipschitz constant L, around 10^-11 for the tests' K &lt;= 12 and eta &lt;= 0.5. The
 * tests require 1e-9: two orders above that bound, and orders below what a wrong reduction
 * (the mean of shard means, a lost or doubled shard, a state sent to the wrong row) gives,
 * which is 1e-3 or more.
 *
 * <p><b>Data.</b> {@link #fit(Dataset)} reads each global batch on the driver and ships every
 * worker its rows with the step (any dataset, masked sequences among them);
 * {@link #fitText fitText} spreads a text's streams over the workers once, each keeping only its
 * streams' tokens, and ships only the carried states with each step ({@link StreamShards}).
 *
 * <p><b>Supported now:</b> stream and sequence datasets, sum and mean reductions, masks, truncated
 * BPTT, carried states, clipping, learning-rate schedules, shuffling, step limits. Not yet:
 * validation, early stopping, best weights, listeners, checkpoints (rejected with a message);
 * dropout (its masks are drawn per global batch from one generator, so shards cannot reproduce
 * them: rejected).
 */
public final class SparkTrainer {

    private final JavaSparkContext spark;
    private final int workers;
    private final Network net;
    private final Optimizer optimizer;
    private final TrainingConfig config;

    /**
     * @param spark the Spark context (its master decides where the tasks run)
     * @param workers N, the shards per step (at least 1; one Spark task each)
     * @param net the network to train: the driver's copy, which ends with the trained weights
     * @param optimizer its optimizer, stepped on the driver
     * @param config the settings, as for {@code Trainer}
     * @throws IllegalArgumentException on N &lt; 1, settings not supported on Spark yet, or dropout
     */
    public SparkTrainer(JavaSparkContext spark, int workers, Network net, Optimizer optimizer, TrainingConfig config) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.net = Objects.requireNonNull(net, "net");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.config = Objects.requireNonNull(config, "config");
        if (workers < 1) {
            throw new IllegalArgumentException("training on Spark needs at least 1 worker, got " + workers);
        }
        this.workers = workers;
        if (config.validationFraction() > 0 || config.patience() > 0 || config.restoreBestWeights()) {
            throw new IllegalArgumentException("training on Spark does not support validation, early stopping or "
                    + "restoring the best weights yet; set a validation fraction of 0, no patience and no best weights");
        }
        if (net.dropoutDraws().length > 0) {
            throw new IllegalArgumentException("training on Spark does not support dropout: its masks are drawn per "
                    + "global batch from one generator, which shards cannot reproduce; build the network without dropout");
        }
    }

    /**
     * Trains for the config's epochs (or up to its step limit), from the start of the data: the
     * driver reads each global batch and ships every worker its rows ({@link DatasetBatch}).
     *
     * @param train the training data (all of it: no validation part is held out)
     * @return how the run ended
     */
    public SparkRun fit(Dataset train) {
        return run(epoch -> {
            Iterator<Batch> it = train.epoch(config.shuffle() ? Seeds.forEpoch(config.seed(), epoch) : null, 0);
            return new Iterator<GlobalBatch>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public GlobalBatch next() {
                    Batch b = it.next();
                    return new DatasetBatch(spark, b, ShardPlan.of(b.input().batch(), workers, config.seed()));
                }
            };
        }, train.carriesState());
    }

    /**
     * Trains on a text as {@code fit(StreamDataset.of(tokens, vocabulary, batch, seqLength))}
     * would, with the text spread over the workers: each keeps only its streams' tokens
     * ({@link StreamShards}), and only the carried states travel with each step.
     *
     * @param tokens the text as symbol indices
     * @param vocabulary V
     * @param batch B, the number of streams
     * @param seqLength T
     * @return how the run ended
     * @throws IllegalArgumentException as {@code StreamDataset.of} does
     */
    public SparkRun fitText(int[] tokens, int vocabulary, int batch, int seqLength) {
        try (StreamShards text = new StreamShards(spark, tokens, vocabulary, batch, seqLength,
                ShardPlan.of(batch, workers, config.seed()))) {
            return run(epoch -> text.epoch(), true);
        }
    }

    private SparkRun run(IntFunction<Iterator<GlobalBatch>> epochs, boolean carries) {
        boolean wasTraining = net.isTraining();
        net.setTraining(true);
        String run = UUID.randomUUID().toString();
        Broadcast<byte[]> model = spark.broadcast(ModelFile.toBytes(SavedModel.of(net)));
        try {
            return loop(epochs, carries, run, model);
        } finally {
            model.destroy();
            net.setTraining(wasTraining);
        }
    }

    private SparkRun loop(IntFunction<Iterator<GlobalBatch>> epochs, boolean carries, String run,
            Broadcast<byte[]> model) {
        List<Parameter> params = net.parameters();
        List<Double> losses = new ArrayList<>();
        double baseRate = optimizer.learningRate();
        long step = 0;
        double compute = 0;
        double total = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            if (config.schedule() != null) {
                optimizer.setLearningRate(config.schedule().rate(baseRate, epoch));
            }
            List<State> carried = null;
            Iterator<GlobalBatch> it = epochs.apply(epoch);
            while (!atLimit(step) && it.hasNext()) {
                GlobalBatch b = it.next();
                long started = System.nanoTime();
                Step s = step(b, carries ? carried : null, run, model);
                double norm = config.clip().clip(params);
                if (!Double.isFinite(s.loss) || !Double.isFinite(norm)) {
                    String what = !Double.isFinite(s.loss) ? "the loss is " + s.loss : "the gradient norm is " + norm;
                    return new SparkRun(StopReason.NON_FINITE, "training stopped at epoch " + (epoch + 1) + " (step "
                            + (step + 1) + "): " + what + ". The step was not applied.", step, toArray(losses),
                            compute, total);
                }
                optimizer.step(params);
                if (carries) {
                    carried = s.states;
                }
                losses.add(net.reduction() == Reduction.SUM ? s.loss / b.realSteps() : s.loss);
                step++;
                compute += s.computeNanos / 1e9;
                total += (System.nanoTime() - started) / 1e9;
            }
            if (atLimit(step)) {
                return new SparkRun(StopReason.STEP_LIMIT, "reached the limit of " + config.maxSteps() + " steps", step,
                        toArray(losses), compute, total);
            }
        }
        return new SparkRun(StopReason.COMPLETED, "trained " + config.epochs() + " epoch(s), " + step + " steps on "
                + workers + " worker(s)", step, toArray(losses), compute, total);
    }

    /** One step's gradient: the shards computed by Spark, summed in shard order into the parameters' gradients. */
    private Step step(GlobalBatch b, List<State> carried, String run, Broadcast<byte[]> model) {
        List<Parameter> params = net.parameters();
        double[][] values = new double[params.size()][];
        for (int p = 0; p < values.length; p++) {
            values[p] = params.get(p).value().clone();
        }
        Broadcast<double[][]> now = spark.broadcast(values);
        List<ShardGradient> results;
        try {
            results = new ArrayList<>(b.shards(carried).map(new ShardWorker(run, model, now, config.truncation()))
                    .collect());
        } finally {
            now.destroy();
        }
        results.sort(Comparator.comparingInt(r -> r.shard));
        return sum(results, b.plan(), b.rows());
    }

    private Step sum(List<ShardGradient> results, ShardPlan plan, int rows) {
        List<Parameter> params = net.parameters();
        params.forEach(Parameter::zeroGrad);
        double loss = 0;
        long slowest = 0;
        double[][][] states = null;
        for (ShardGradient r : results) {
            slowest = Math.max(slowest, r.computeNanos);
            int[] mine = plan.rows(r.shard);
            if (r.gradients != null) {
                loss += r.loss;
                for (int p = 0; p < params.size(); p++) {
                    double[] g = params.get(p).grad();
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
        return new Step(loss, Rows.toStates(states), slowest);
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

    private boolean atLimit(long step) {
        return config.maxSteps() > 0 && step >= config.maxSteps();
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A step's summed loss, the states every row ends in (null when no shard returned any), its slowest worker. */
    private record Step(double loss, List<State> states, long computeNanos) {
    }
}
