package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.StreamDataset;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;

/**
 * Beyond local mode: a standalone master and two worker JVMs on this machine, started from the
 * Maven artifacts ({@link StandaloneCluster}), every executor a JVM of its own. Training on them
 * gives {@code Trainer}'s parameters on one process (within {@link SparkTrainer}'s 1e-9), and so
 * does a run in which an executor process is killed (SIGKILL) while a step's tasks run: Spark
 * runs the lost task again on the other executor, the retry recomputes the same shard from the
 * same broadcast parameters, and the step, and the run, end as if nothing happened.
 */
class StandaloneClusterTest {

    private static final double TOLERANCE = 1e-9;
    private static final int V = 5;

    private static StandaloneCluster cluster;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = new StandaloneCluster(2);
        try {
            spark = new JavaSparkContext(cluster.conf());
            awaitExecutors(2, 180);
        } catch (RuntimeException | IOException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    void twoWorkerJvmsGiveTheOneProcessParameters() {
        Dataset data = StreamDataset.of(Fixtures.text(400, V, 21), V, 4, 8);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).truncation(4).clipNorm(1.0).seed(17);
        Network net = Fixtures.net(V, Reduction.MEAN, 3, "lstm", "elman");
        Network one = net.copy();
        Network distributed = net.copy();
        List<Double> expected = losses(new Trainer(one, Fixtures.sgd("0.5"), cfg), data);
        List<Double> got = new CopyOnWriteArrayList<>();
        new SparkTrainer(spark, 2, distributed, Fixtures.sgd("0.5"), cfg).addListener(recorder(got)).fit(data);
        sameRun(net, one, distributed, expected, got);
    }

    @Test
    void aKilledExecutorCostsATaskRetryNotTheRun() throws InterruptedException {
        Dataset data = StreamDataset.of(Fixtures.text(600, V, 22), V, 4, 10);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(1).maxSteps(12).clipNorm(1.0).seed(19);
        Network net = Fixtures.net(V, Reduction.MEAN, 4, "lstm", "lstm");
        Network one = net.copy();
        Network distributed = net.copy();
        List<Double> expected = losses(new Trainer(one, Fixtures.sgd("0.5"), cfg), data);

        // From step 4 on, the first task that starts has its executor's JVM killed at once.
        AtomicBoolean armed = new AtomicBoolean();
        AtomicLong killed = new AtomicLong(-1);
        List<String> failures = new CopyOnWriteArrayList<>();
        SparkListener killer = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart e) {
                if (armed.get() && killed.get() == -1) {
                    killed.set(-2);
                    Optional<ProcessHandle> jvm = cluster.executor(spark.sc().applicationId(),
                            e.taskInfo().executorId());
                    jvm.ifPresent(p -> {
                        killed.set(p.pid());
                        p.destroyForcibly();
                    });
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                if (e.taskInfo().failed()) {
                    failures.add(e.reason().toString());
                }
            }
        };
        spark.sc().addSparkListener(killer);
        List<Double> got = new CopyOnWriteArrayList<>();
        TrainingResult r;
        try {
            r = new SparkTrainer(spark, 2, distributed, Fixtures.sgd("0.5"), cfg).addListener(recorder(got))
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(StepEvent e) {
                            if (e.step() == 3) {
                                armed.set(true);
                            }
                        }
                    }).fit(data);
        } finally {
            spark.sc().removeSparkListener(killer);
        }
        assertTrue(killed.get() > 0, "no executor JVM was found to kill (" + killed.get() + ") among\n"
                + cluster.executors() + cluster.logs());
        assertTrue(ProcessHandle.of(killed.get()).map(p -> !p.isAlive()).orElse(true), "the executor still runs");
        assertEquals(12, r.steps(), r.message());
        assertTrue(!failures.isEmpty(), "no task failed: the kill came after the step's tasks had finished");
        sameRun(net, one, distributed, expected, got);
        System.err.println("StandaloneClusterTest: killed executor JVM " + killed.get() + "; failed tasks, retried: "
                + failures);
    }

    private static void sameRun(Network start, Network one, Network distributed, List<Double> expected,
            List<Double> got) {
        assertEquals(expected.size(), got.size(), "steps");
        for (int s = 0; s < expected.size(); s++) {
            assertEquals(expected.get(s), got.get(s), TOLERANCE, "loss of step " + (s + 1));
        }
        assertTrue(Fixtures.maxDifference(start, one) > 1e-3, "training barely moved the parameters");
        double d = Fixtures.maxDifference(one, distributed);
        assertTrue(d <= TOLERANCE, "the parameters differ by " + d);
    }

    private static List<Double> losses(Trainer t, Dataset data) {
        List<Double> l = new CopyOnWriteArrayList<>();
        t.addListener(recorder(l)).fit(data);
        return l;
    }

    private static TrainingListener recorder(List<Double> losses) {
        return new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                losses.add(e.loss());
            }
        };
    }

    private static void awaitExecutors(int n, int seconds) throws InterruptedException, IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // the driver counts itself among the executors
        while (spark.statusTracker().getExecutorInfos().length < n + 1) {
            if (System.nanoTime() > until) {
                throw new IOException(n + " executors did not register within " + seconds + " s\n" + cluster.logs());
            }
            Thread.sleep(250);
        }
    }
}
