package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.api.Optimizer;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.core.train.StreamDataset;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;

/**
 * Synchronous, exact data-parallel training on Spark: the project's {@code Trainer}, whose
 * gradients N workers compute ({@link SparkGradients} through {@code Trainer.gradientsFrom}).
 * Each step
 *
 * <pre>
 *   the driver cuts the global batch into N shards of rows ({@link ShardPlan}, seeded by the
 *   config's seed), each with the carried states of its rows (streams)
 *   worker w (a Spark task):  G_w, L_w = weighted BPTT of shard w from this step's parameters
 *                             ({@link ShardWorker})
 *   driver:   G = G_0 + G_1 + ... + G_{N-1} in that order,  L = sum_w L_w
 *             then Trainer's step: clip(G), stop if L or ||G|| is not finite, optimizer step
 * </pre>
 *
 * so every replica starts every step from the driver's parameters, and the run is
 * {@code Trainer}'s on one process with the same network, optimizer, config and data, up to the
 * order in which the floating-point terms of G are added (bit for bit with N = 1). Epochs,
 * shuffling, schedules, clipping, validation (on the driver), early stopping, best weights,
 * listeners, step limits and resuming are {@code Trainer}'s own.
 *
 * <p><b>Data.</b> {@link #fit(Dataset)} reads each global batch on the driver and ships every
 * worker its rows with the step (any dataset, masked sequences among them);
 * {@link #fitText fitText} spreads a text's streams over the workers once, each keeping only its
 * streams' tokens, and ships only the carried states with each step ({@link StreamShards});
 * {@link #fitSequences fitSequences} spreads independent sequences' examples over them
 * ({@link SequenceShards}).
 *
 * <p><b>Tolerance.</b> G differs from the one-process gradient only in the order in which the
 * per-row terms are added. Adding m terms in any order errs by at most
 * gamma_m sum |g_i|, gamma_m = m u / (1 - m u), u = 2^-53 (N. J. Higham, Accuracy and Stability
 * of Numerical Algorithms, 2nd ed., 2002, section 4.2); with m = B T &lt; 10^4 real steps per batch
 * and gradients of order 1, that is below 10^-12 per element. Through K plain SGD steps with
 * learning rate eta the parameters then differ by at most about K eta 10^-12 (1 + eta L)^K for a
 * gradient Lipschitz constant L, around 10^-11 for the tests' K &lt;= 20 and eta &lt;= 0.5. The
 * tests require 1e-9: two orders above that bound, and orders below what a wrong reduction
 * (the mean of shard means, a lost or doubled shard, a state sent to the wrong row) gives,
 * which is 1e-3 or more. (Adam divides by the root of its second moment, which can turn a
 * rounding difference in a near-zero gradient into a step of order the learning rate; the
 * tests use SGD for that reason.)
 *
 * <p><b>Dropout</b> draws the same masks on the workers as on one process: every mask element
 * is a function of (the network's seed, the step, the element's step in the batch, its row in
 * the global batch, its feature), and each replica is told the step and its rows
 * ({@link ShardWorker}), so the tolerance above holds with dropout too.
 */
public final class SparkTrainer {

    private final JavaSparkContext spark;
    private final int workers;
    private final Network net;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private StepTiming timing = new StepTiming(0, 0, 0);

    /**
     * @param spark the Spark context (its master decides where the tasks run)
     * @param workers N, the shards per step (at least 1; one Spark task each)
     * @param net the network to train: the driver's copy, which ends with the trained weights
     * @param optimizer its optimizer, stepped on the driver
     * @param config the settings, as for {@code Trainer}
     * @throws IllegalArgumentException on N &lt; 1
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
    }

    /**
     * @param listener called as training goes, as {@code Trainer.addListener}
     * @return this
     */
    public SparkTrainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Trains as {@code new Trainer(net, optimizer, config).fit(data)} does, the driver shipping
     * every worker its rows of each batch.
     *
     * @param data the data (the config's validation fraction is held out as {@code Trainer} does)
     * @return how training ended
     */
    public TrainingResult fit(Dataset data) {
        try (SparkGradients g = new SparkGradients(spark, workers, net, config.truncation(), config.seed(), null)) {
            return train(g).fit(data);
        }
    }

    /**
     * Trains as {@code new Trainer(net, optimizer, config).fit(StreamDataset.of(tokens,
     * vocabulary, batch, seqLength), validation)} does, with the text spread over the workers: each
     * keeps only its streams' tokens ({@link StreamShards}), and only the carried states travel
     * with each step.
     *
     * @param tokens the training text as symbol indices
     * @param vocabulary V
     * @param batch B, the number of streams
     * @param seqLength T
     * @param validation the validation data (evaluated on the driver), or null for none
     * @return how training ended
     * @throws IllegalArgumentException as {@code StreamDataset.of} does, or with a validation
     *     fraction in the config (hold the validation text out yourself and pass it)
     */
    public TrainingResult fitText(int[] tokens, int vocabulary, int batch, int seqLength, Dataset validation) {
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("fitText trains on all the tokens it is given; set the validation "
                    + "fraction to 0 and pass the held-out text as the validation dataset");
        }
        StreamDataset train = StreamDataset.of(tokens, vocabulary, batch, seqLength);
        StreamShards text = new StreamShards(spark, tokens, vocabulary, batch, seqLength,
                ShardPlan.of(batch, workers, config.seed()));
        try (SparkGradients g = new SparkGradients(spark, workers, net, config.truncation(), config.seed(), text)) {
            return train(g).fit(train, validation);
        }
    }

    /**
     * Trains as {@code new Trainer(net, optimizer, config).fit(train, validation)} does, with the
     * sequences spread over the workers: each keeps only its examples ({@link SequenceShards}), and
     * only row and example indices travel with each step.
     *
     * @param train the training sequences
     * @param validation the validation data (evaluated on the driver), or null for none
     * @return how training ended
     * @throws IllegalArgumentException with a validation fraction in the config (hold the
     *     validation sequences out yourself and pass them)
     */
    public TrainingResult fitSequences(SequenceDataset train, Dataset validation) {
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("fitSequences trains on all the sequences it is given; set the "
                    + "validation fraction to 0 and pass the held-out sequences as the validation dataset");
        }
        SequenceShards held = new SequenceShards(spark, train, ShardPlan.of(train.size(), workers, config.seed()));
        try (SparkGradients g = new SparkGradients(spark, workers, net, config.truncation(), config.seed(), held)) {
            return train(g).fit(train, validation);
        }
    }

    /** @return where the last run's steps spent their time */
    public StepTiming timing() {
        return timing;
    }

    private Trainer train(SparkGradients g) {
        Trainer t = new Trainer(net, optimizer, config).gradientsFrom(g);
        listeners.forEach(t::addListener);
        t.addListener(new TrainingListener() {
            @Override
            public void onTrainEnd(TrainingResult r) {
                timing = g.timing();
            }
        });
        return t;
    }
}
