package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.BatchGradients;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.core.train.TrainingConfig;

/**
 * Spark as the command line's {@link GradientCluster} ({@code ./rnn4j train --spark MASTER
 * [--workers N]}), declared in {@code META-INF/services} for the class path: each run's gradients
 * come from {@link SparkGradients}: for the sequences of {@code --data} runs, each worker holding
 * its examples, as {@link SparkTrainer#fitSequences} does; for text, the driver shipping every
 * worker its rows of each batch, as {@link SparkTrainer#fit} does.
 *
 * <p>Masters: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]},
 * {@code local-cluster[W,C,M]}, {@code spark://host:port[,host:port...]}, {@code yarn} and
 * {@code k8s://...}, as Spark takes them; anything else is rejected before Spark starts. Under
 * {@code spark-submit} the master given here wins over {@code --master}. The workers default to
 * the context's default parallelism (2 for {@code local[2]}, the executors' cores on a cluster).
 */
public final class SparkCluster implements GradientCluster {

    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?"
            + "|local-cluster\\[\\d+,\\d+,\\d+]"
            + "|spark://[^\\s:/,]+:\\d{1,5}(,[^\\s:/,]+:\\d{1,5})*"
            + "|yarn|k8s://\\S+");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Session connect(String master, int workers) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--spark: '" + master + "' is not a Spark master; give local[N] (N "
                    + "threads on this machine) or spark://host:port (a standalone cluster's master)");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        // (spark.* system properties, as spark-submit's --conf sets them, come first.)
        SparkConf conf = new SparkConf().setMaster(master).setAppName("rnn4j train")
                .setIfMissing("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            // Everything runs in this JVM (local-cluster: on this machine): listen on loopback only.
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--spark " + master + ": Spark did not start: " + e.getMessage(), e);
        }
        return new SparkSession(spark, workers > 0 ? workers : Math.max(1, spark.defaultParallelism()));
    }

    /** One Spark context; one {@link SparkGradients} per run. */
    private static final class SparkSession implements Session {

        private final JavaSparkContext spark;
        private final int workers;
        private final List<SparkGradients> runs = new ArrayList<>();

        SparkSession(JavaSparkContext spark, int workers) {
            this.spark = spark;
            this.workers = workers;
        }

        @Override
        public BatchGradients gradients(Network net, TrainingConfig config) {
            return gradients(net, config, null);
        }

        @Override
        public BatchGradients gradients(Network net, TrainingConfig config, Dataset train) {
            // sequences the trainer takes as they are (no fraction split off) are spread over the
            // workers once; anything else is shipped row by row with each step
            HeldData held = train instanceof SequenceDataset s && config.validationFraction() == 0
                    ? new SequenceShards(spark, s, ShardPlan.of(s.size(), workers, config.seed())) : null;
            SparkGradients g = new SparkGradients(spark, workers, net, config.truncation(), config.seed(), held);
            runs.add(g);
            return g;
        }

        @Override
        public String describe() {
            return "gradients on Spark " + spark.master() + ", " + workers + " worker" + (workers == 1 ? "" : "s")
                    + " per step";
        }

        @Override
        public void close() {
            try {
                runs.forEach(SparkGradients::close);
            } finally {
                spark.stop();
            }
        }
    }
}
