package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;

/**
 * Sequence tasks on Spark ({@code local[2]}) with the examples held by the workers
 * ({@link SequenceShards}): per-sequence targets through a last-step head, padded and shuffled
 * batches, a mean over sequences, against {@code Trainer} on one process. Tolerance 1e-9 on every
 * parameter and step loss, as derived in {@link SparkTrainer}'s javadoc (plain SGD).
 */
class SparkSequencesTest {

    private static final double TOLERANCE = 1e-9;
    private static final int FEATURES = 3;

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("rnn4j-spark-sequences")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void classifyingSequencesHeldByTwoWorkersEqualsOneProcess() {
        // 3 classes: which feature has the largest sum; lengths 2-8, so batches are padded
        Data d = data(60, 1, true);
        Network net = head(2, 3, "sparse_softmax_cross_entropy", 0, "lstm", "elman");
        agree(net, d, TrainingConfig.defaults().epochs(3).shuffle(true).seed(8), 2);
    }

    @Test
    void forecastingWindowsHeldByThreeWorkersWithDropoutEqualsOneProcess() {
        // regression of a per-sequence pair of numbers (as forecast's horizon 2) by mse, dropout between layers
        Data d = data(50, 2, false);
        Network net = head(3, 2, "mse", 0.3, "gru", "lstm");
        agree(net, d, TrainingConfig.defaults().epochs(3).shuffle(true).seed(4), 3);
    }

    @Test
    void perSequenceTargetsShippedByTheDriverEqualOneProcess() {
        // SparkTrainer.fit(Dataset): the driver cuts each batch, targets 1 x B, a mean over sequences
        // (not over real steps: shards with more padding would weigh too much)
        Data d = data(60, 6, true);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).shuffle(true).seed(3).validationFraction(0.25);
        Network net = head(5, 3, "sparse_softmax_cross_entropy", 0, "elman", "lstm");
        Network one = net.copy();
        Network distributed = net.copy();
        List<Double> expected = new ArrayList<>();
        new Trainer(one, Fixtures.sgd("0.3"), cfg).addListener(recorder(expected)).fit(d.train);
        List<Double> got = new ArrayList<>();
        new SparkTrainer(spark, 2, distributed, Fixtures.sgd("0.3"), cfg).addListener(recorder(got)).fit(d.train);
        assertEquals(expected.size(), got.size(), "steps");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(expected.get(i), got.get(i), TOLERANCE, "loss of step " + (i + 1));
        }
        double diff = Fixtures.maxDifference(one, distributed);
        assertTrue(diff <= TOLERANCE, "the parameters differ by " + diff);
    }

    @Test
    void noWorkerHoldsEveryExampleAndEachHoldsItsOwn() {
        Data d = data(40, 3, true); // 32 for training
        SequenceShards held = new SequenceShards(spark, d.train, ShardPlan.of(32, 3, 5));
        try {
            int[] counts = held.held();
            assertEquals(32, Arrays.stream(counts).sum(), Arrays.toString(counts));
            assertTrue(Arrays.stream(counts).allMatch(c -> c >= 10 && c <= 11), Arrays.toString(counts));
            // a batch of other sequences is refused, not trained on
            Data other = data(40, 9, true);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> held.batch(other.train.batch(0, 1, 2), false));
            assertTrue(e.getMessage().contains("is not example 0 of the 32 sequences the workers hold"), e.getMessage());
        } finally {
            held.close();
        }
    }

    /** Trains copies of one network both ways and compares every step's loss and the final parameters. */
    private static void agree(Network net, Data d, TrainingConfig cfg, int workers) {
        Network one = net.copy();
        Network distributed = net.copy();
        List<Double> expected = new ArrayList<>();
        TrainingResult r = new Trainer(one, Fixtures.sgd("0.3"), cfg).addListener(recorder(expected))
                .fit(d.train, d.validation);
        assertEquals(StopReason.COMPLETED, r.reason(), r.message());
        List<Double> got = new ArrayList<>();
        SparkTrainer st = new SparkTrainer(spark, workers, distributed, Fixtures.sgd("0.3"), cfg)
                .addListener(recorder(got));
        TrainingResult s = st.fitSequences(d.train, d.validation);
        assertEquals(expected.size(), got.size(), "steps");
        assertTrue(got.size() >= 6, "a run of " + got.size() + " steps tests little");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(expected.get(i), got.get(i), TOLERANCE, "loss of step " + (i + 1));
        }
        for (int e = 0; e < r.history().size(); e++) {
            assertEquals(r.history().get(e).validationLoss(), s.history().get(e).validationLoss(), TOLERANCE,
                    "validation loss of epoch " + (e + 1));
        }
        assertTrue(Fixtures.maxDifference(net, one) > 1e-3, "training moved the parameters");
        double diff = Fixtures.maxDifference(one, distributed);
        assertTrue(diff <= TOLERANCE, "the parameters differ by " + diff + " on " + workers + " workers");
    }

    private static TrainingListener recorder(List<Double> losses) {
        return new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                losses.add(e.loss());
            }
        };
    }

    /** Recurrent layers of 5 units, a last-step head and a dense output. */
    private static Network head(long seed, int outputs, String loss, double dropout, String... kinds) {
        var b = Network.builder(Fixtures.REGISTRY).input(FEATURES).seed(seed).dropout(dropout);
        for (String k : kinds) {
            b = k.equals("elman") ? b.recurrent(k, 5, Map.of("activation", "tanh")) : b.recurrent(k, 5);
        }
        return b.lastStep().output(outputs).loss(loss).build();
    }

    private record Data(SequenceDataset train, SequenceDataset validation) {
    }

    /**
     * Random sequences of 2-8 steps; per sequence the class of the feature with the largest sum,
     * or two numbers (the mean and the last value of feature 0); batches of 7, 1/5 for validation.
     */
    private static Data data(int count, long seed, boolean classes) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ds = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            double[][] x = new double[2 + r.nextInt(7)][FEATURES];
            double[] sum = new double[FEATURES];
            for (double[] step : x) {
                for (int f = 0; f < FEATURES; f++) {
                    step[f] = r.nextDouble(-1, 1);
                    sum[f] += step[f];
                }
            }
            int best = 0;
            for (int f = 1; f < FEATURES; f++) {
                best = sum[f] > sum[best] ? f : best;
            }
            xs.add(x);
            ds.add(classes ? new double[] {best} : new double[] {sum[0] / x.length, x[x.length - 1][0]});
        }
        int cut = count * 4 / 5;
        return new Data(SequenceDataset.perSequence(xs.subList(0, cut), ds.subList(0, cut), 7),
                SequenceDataset.perSequence(xs.subList(cut, count), ds.subList(cut, count), 7));
    }
}
