package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.StreamDataset;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;

/**
 * K steps on Spark ({@code local[2]}, N shards) against K steps of {@code Trainer} on one
 * process, from the same network, optimizer, config and data. The tolerance, 1e-9 on every
 * parameter and step loss, is derived in {@link SparkTrainer}'s javadoc; with N = 1 the sum has
 * one term and the runs must agree bit for bit.
 */
class SparkTrainerTest {

    private static final double TOLERANCE = 1e-9;
    private static final int V = 5;

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("rnn4j-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.default.parallelism", "2")
                .set("spark.sql.shuffle.partitions", "2"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void streamsMeanTruncatedAndCarriedOnThreeShardsEqualOneProcess() {
        // 5 streams on 3 shards (2, 2, 1 rows), k = 3 < T = 7, two epochs (the state resets between)
        Dataset data = StreamDataset.of(Fixtures.text(300, V, 1), V, 5, 7);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(3).clipNorm(1.0).seed(11)
                .validationFraction(0.2);
        agree(Fixtures.net(V, Reduction.MEAN, 3, "lstm", "elman"), data, cfg, 3, "0.5");
    }

    @Test
    void streamsSumCarriedOnTwoShardsEqualOneProcess() {
        Dataset data = StreamDataset.of(Fixtures.text(240, V, 2), V, 4, 6);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).maxSteps(8).seed(5);
        agree(Fixtures.net(V, Reduction.SUM, 4, "elman"), data, cfg, 2, "0.02");
    }

    @Test
    void textKeptOnTheWorkersEqualsOneProcess() {
        // each worker holds only its streams' tokens and builds its batches itself
        int[] text = Fixtures.text(300, V, 6);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(4).clipNorm(1.0).seed(13);
        Network net = Fixtures.net(V, Reduction.MEAN, 7, "gru", "elman");
        Network one = net.copy();
        Network distributed = net.copy();
        Dataset validation = StreamDataset.of(Fixtures.text(90, V, 16), V, 2, 6);
        Recorder expected = trainer(one, cfg, "0.5", t -> t.fit(StreamDataset.of(text, V, 5, 6), validation));
        Recorder got = new Recorder();
        SparkTrainer st = new SparkTrainer(spark, 3, distributed, Fixtures.sgd("0.5"), cfg).addListener(got);
        st.fitText(text, V, 5, 6, validation);
        same(net, one, distributed, expected, got, st.timing(), 3);
    }

    @Test
    void moreWorkersThanStreamsLeavesSomeIdle() {
        int[] text = Fixtures.text(120, V, 8);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).seed(4);
        Network net = Fixtures.net(V, Reduction.SUM, 2, "elman");
        Network one = net.copy();
        Network distributed = net.copy();
        Recorder expected = trainer(one, cfg, "0.05", t -> t.fit(StreamDataset.of(text, V, 2, 5)));
        Recorder got = new Recorder();
        SparkTrainer st = new SparkTrainer(spark, 3, distributed, Fixtures.sgd("0.05"), cfg).addListener(got);
        st.fitText(text, V, 2, 5, null);
        same(net, one, distributed, expected, got, st.timing(), 3);
    }

    @Test
    void maskedSequencesMeanShuffledOnThreeShardsEqualOneProcess() {
        // batches of 7 sequences of 1-9 steps: the shards' real steps differ, so averaging the
        // shards' means instead of dividing by the global count would not agree
        Dataset data = Fixtures.echo(30, V, 3, 7);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).shuffle(true).seed(9);
        agree(Fixtures.net(V, Reduction.MEAN, 5, "lstm"), data, cfg, 3, "0.5");
    }

    @Test
    void maskedSequencesSumTruncatedOnTwoShardsEqualOneProcess() {
        Dataset data = Fixtures.echo(24, V, 4, 6);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(2).clipValue(0.5).seed(2);
        agree(Fixtures.net(V, Reduction.SUM, 6, "elman"), data, cfg, 2, "0.05");
    }

    @Test
    void anElmanStackWithDropoutOnTwoShardsEqualsOneProcess() {
        // masked sequences shipped by the driver, truncated: each replica draws the whole batch's
        // masks for its rows and each chunk's steps; with masks drawn per replica it would not agree
        Dataset data = Fixtures.echo(30, V, 5, 6);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(4).shuffle(true).seed(21);
        agree(Fixtures.dropped(V, Reduction.MEAN, 12, 0.4, "elman", "elman", "elman"), data, cfg, 2, "0.5");
    }

    @Test
    void anLstmStackWithDropoutOnTextKeptOnTheWorkersEqualsOneProcess() {
        int[] text = Fixtures.text(300, V, 9);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(3).clipNorm(1.0).seed(17);
        Network net = Fixtures.dropped(V, Reduction.MEAN, 14, 0.4, "lstm", "lstm");
        Network one = net.copy();
        Network distributed = net.copy();
        Dataset validation = StreamDataset.of(Fixtures.text(90, V, 19), V, 2, 6);
        Recorder expected = trainer(one, cfg, "0.5", t -> t.fit(StreamDataset.of(text, V, 5, 6), validation));
        Recorder got = new Recorder();
        SparkTrainer st = new SparkTrainer(spark, 2, distributed, Fixtures.sgd("0.5"), cfg).addListener(got);
        st.fitText(text, V, 5, 6, validation);
        same(net, one, distributed, expected, got, st.timing(), 2);
        Network plain = Fixtures.net(V, Reduction.MEAN, 14, "lstm", "lstm");
        trainer(plain, cfg, "0.5", t -> t.fit(StreamDataset.of(text, V, 5, 6), validation));
        assertTrue(Fixtures.maxDifference(plain, one) > 1e-3, "the masks mattered");
    }

    /**
     * Float32 networks on two shards against one process. SparkTrainer's derivation with float32's
     * u = 2^-24 for float64's 2^-53: a gradient element summed in another order moves by at most
     * 2 m u sum|g|, m the rows summed (here T B = 35, sum|g| <= 1 after clipping to norm 1): 4.2e-6
     * per step, times lr 0.5, over 8 steps 1.7e-5; the parameters' rounding to float32 after each
     * step adds at most one float32 unit of |p| < 2 per step, 1.9e-6 in all. Tolerance 2e-5. The
     * float32 runs are not those of float64 (checked), so this is float32 arithmetic agreeing.
     */
    @Test
    void float32StacksOnTwoShardsEqualOneProcessToFloat32Rounding() {
        Dataset data = StreamDataset.of(Fixtures.text(280, V, 9), V, 5, 7);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).maxSteps(8).clipNorm(1.0).seed(13);
        Network start = Fixtures.net(V, Reduction.MEAN, 15, "lstm", "elman").to(Precision.FLOAT32);
        Network one = start.copy();
        Network distributed = start.copy();
        Network in64 = start.to(Precision.FLOAT64);
        Recorder expected = trainer(one, cfg, "0.5", t -> t.fit(data));
        trainer(in64, cfg, "0.5", t -> t.fit(data));
        Recorder got = new Recorder();
        new SparkTrainer(spark, 2, distributed, Fixtures.sgd("0.5"), cfg).addListener(got).fit(data);
        assertEquals(expected.losses.size(), got.losses.size(), "steps");
        assertTrue(Fixtures.maxDifference(start, one) > 1e-3, "training moved the parameters");
        assertTrue(Fixtures.maxDifference(one, in64) > 0, "float32 training is not float64's");
        double d = Fixtures.maxDifference(one, distributed);
        assertTrue(d <= 2e-5, "float32 parameters differ by " + d + " after " + got.losses.size() + " steps");
        for (Parameter p : distributed.parameters()) {
            for (double v : p.value()) {
                assertEquals(v, (float) v, 0.0, "a float32 run's parameters are float32 numbers");
            }
        }
    }

    @Test
    void oneShardIsBitForBitTheOneProcessRun() {
        Dataset data = StreamDataset.of(Fixtures.text(200, V, 7), V, 3, 5);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).truncation(2).clipNorm(1.0).seed(1);
        Network one = Fixtures.net(V, Reduction.MEAN, 8, "lstm");
        Network distributed = one.copy();
        Recorder expected = trainer(one, cfg, "0.5", t -> t.fit(data));
        Recorder got = new Recorder();
        new SparkTrainer(spark, 1, distributed, Fixtures.sgd("0.5"), cfg).addListener(got).fit(data);
        assertEquals(expected.losses, got.losses);
        assertEquals(0.0, Fixtures.maxDifference(one, distributed), "parameters after " + got.losses.size() + " steps");
    }

    @Test
    void rejectsWhatItCannotReproduce() {
        Network net = Fixtures.net(V, Reduction.MEAN, 1, "elman");
        TrainingConfig cfg = TrainingConfig.defaults();
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> new SparkTrainer(spark, 2, net, Fixtures.sgd("0.1"), cfg.validationFraction(0.2))
                        .fitText(Fixtures.text(100, V, 1), V, 2, 5, null));
        assertTrue(v.getMessage().startsWith("fitText trains on all the tokens it is given"), v.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(spark, 0, net, Fixtures.sgd("0.1"), cfg));
    }

    /** Trains copies of one network both ways and compares every step's loss and the final parameters. */
    private static void agree(Network net, Dataset data, TrainingConfig cfg, int workers, String lr) {
        Network one = net.copy();
        Network distributed = net.copy();
        Recorder expected = trainer(one, cfg, lr, t -> t.fit(data));
        Recorder got = new Recorder();
        SparkTrainer st = new SparkTrainer(spark, workers, distributed, Fixtures.sgd(lr), cfg).addListener(got);
        st.fit(data);
        same(net, one, distributed, expected, got, st.timing(), workers);
    }

    /** The Spark run took the one-process run's steps, losses and parameters, within the tolerance. */
    private static void same(Network start, Network one, Network distributed, Recorder expected, Recorder got,
            StepTiming timing, int workers) {
        assertEquals(expected.losses.size(), got.losses.size(), "steps");
        assertTrue(got.losses.size() >= 4, "a run of " + got.losses.size() + " steps tests little");
        for (int s = 0; s < expected.losses.size(); s++) {
            assertEquals(expected.losses.get(s), got.losses.get(s), TOLERANCE, "loss of step " + (s + 1));
        }
        assertEquals(expected.validation.size(), got.validation.size(), "epochs");
        for (int e = 0; e < expected.validation.size(); e++) {
            assertEquals(expected.validation.get(e), got.validation.get(e), TOLERANCE, "validation loss of epoch "
                    + (e + 1));
        }
        assertEquals(got.losses.size(), timing.steps(), "steps timed");
        assertTrue(timing.computeSeconds() > 0 && timing.computeSeconds() <= timing.totalSeconds(),
                "compute " + timing.computeSeconds() + " s within the steps' " + timing.totalSeconds() + " s");
        double moved = Fixtures.maxDifference(start, one);
        assertTrue(moved > 1e-3, "training moved the parameters by only " + moved);
        double d = Fixtures.maxDifference(one, distributed);
        assertTrue(d <= TOLERANCE, "the parameters differ by " + d + " after " + got.losses.size() + " steps on "
                + workers + " workers (tolerance " + TOLERANCE + ")");
    }

    /** Trains on one process, recording what the listeners see. */
    private static Recorder trainer(Network net, TrainingConfig cfg, String lr, Function<Trainer, TrainingResult> fit) {
        Recorder r = new Recorder();
        TrainingResult result = fit.apply(new Trainer(net, Fixtures.sgd(lr), cfg).addListener(r));
        assertTrue(result.reason() == StopReason.COMPLETED || result.reason() == StopReason.STEP_LIMIT,
                result.message());
        return r;
    }

    /** Each step's loss and each epoch's validation loss. */
    private static final class Recorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();
        final List<Double> validation = new ArrayList<>();

        @Override
        public void onStep(StepEvent e) {
            losses.add(e.loss());
        }

        @Override
        public void onEpochEnd(EpochMetrics m) {
            validation.add(m.validationLoss());
        }
    }
}
