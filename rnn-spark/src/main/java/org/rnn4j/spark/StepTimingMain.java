package org.rnn4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.ClipByValue;
import org.rnn4j.core.train.StreamDataset;

/**
 * Where a training step on Spark spends its time, for the workloads W3 and W4 of
 * docs/BENCHMARKS.md: per step, the slowest worker's forward and backward ("compute") against
 * the rest of the driver's gradient time ("communicate": scheduling the tasks, broadcasting the
 * parameters, shipping the carried states, collecting the workers' gradients and summing them),
 * with the one-process gradient of the same batch on the driver and the driver's clip and Adam
 * step beside them. Medians over the measured steps, after warm-up steps.
 *
 * <pre>
 *   rnn-spark/step-timing local[2]            # 2 worker threads in this JVM
 *   rnn-spark/step-timing standalone          # a Master and 2 Worker JVMs on 127.0.0.1, one core each
 *   rnn-spark/step-timing MODE W3 20 5        # one workload, 20 measured steps after 5 of warm-up
 * </pre>
 *
 * <p>A plain main, not JMH: a step here is a Spark job over several JVMs, whose cost is mostly
 * outside the JVM JMH forks (executors, sockets, the scheduler), and the split between compute
 * and communication comes from the workers' own clocks, which JMH cannot see. The text, the
 * networks (seed 42), the batches and the truncation (full BPTT over T) are the workloads'.
 */
public final class StepTimingMain {

    /** The workers per step, in both modes. */
    static final int WORKERS = 2;

    private StepTimingMain() {
    }

    /**
     * @param args MODE ({@code local[N]} or {@code standalone}), then optionally the workload
     *     ({@code W3}, {@code W4} or {@code all}), the measured steps and the warm-up steps
     * @throws IOException if the standalone cluster cannot be started
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: StepTimingMain local[2]|standalone [W3|W4|all] [steps] [warmup]");
            System.exit(2);
        }
        String mode = args[0];
        List<Shape> shapes = args.length > 1 && !args[1].equals("all") ? List.of(Shape.of(args[1])) : Shape.ALL;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        PrintStream out = System.out;
        out.printf("mode %s, %d workers per step, %d cores, %d measured steps after %d warm-up, medians in ms%n",
                mode, WORKERS, Runtime.getRuntime().availableProcessors(), steps, warmup);
        out.println("| workload | mode | parameters | gradient MB | one process | Spark step | compute | communicate "
                + "| communicate % | clip + Adam |");
        if (mode.equals("standalone")) {
            try (StandaloneCluster cluster = new StandaloneCluster(WORKERS)) {
                // each executor has one core: its rnn4j threads too (the workers' JVMs share this machine)
                SparkConf conf = cluster.conf().setAppName("rnn4j-step-timing")
                        .set("spark.executor.memory", "900m")
                        .set("spark.executor.extraJavaOptions", "-XX:ActiveProcessorCount=1");
                run(conf, mode, shapes, steps, warmup, out);
            }
        } else {
            SparkConf conf = new SparkConf().setMaster(mode).setAppName("rnn4j-step-timing")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            run(conf, mode, shapes, steps, warmup, out);
        }
    }

    private static void run(SparkConf conf, String mode, List<Shape> shapes, int steps, int warmup, PrintStream out) {
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            for (Shape s : shapes) {
                Result r = measure(spark, s, WORKERS, steps, warmup);
                out.printf("| %s | %s | %,d | %.2f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.1f |%n", s.id, mode,
                        r.parameters, r.parameters * 8 / 1e6, r.oneProcess.median() * 1e3, r.total.median() * 1e3,
                        r.compute.median() * 1e3, r.communicate.median() * 1e3,
                        100 * r.communicate.median() / r.total.median(), r.update.median() * 1e3);
            }
        }
    }

    /**
     * Runs {@code warmup + steps} training steps of a workload on Spark and times the last
     * {@code steps}: the Spark gradient (compute and communicate), the one-process gradient of the
     * same batch and state on the driver, and the driver's clip and optimizer step.
     *
     * @param spark the context
     * @param shape the workload
     * @param workers N
     * @param steps measured steps, at least 1
     * @param warmup steps before them
     * @return the per-step times, in seconds
     */
    static Result measure(JavaSparkContext spark, Shape shape, int workers, int steps, int warmup) {
        Registry registry = Registry.installed();
        Network net = shape.network(registry);
        Optimizer adam = registry.optimizer("adam").create(new Options("adam", Map.of("lr", "2e-3")));
        ClipByValue clip = new ClipByValue(5);
        int[] tokens = Shape.text((long) (steps + warmup + 2) * shape.steps * shape.batch + 1);
        StreamDataset data = StreamDataset.of(tokens, shape.vocab, shape.batch, shape.steps);
        long seed = 1;
        StreamShards text = new StreamShards(spark, tokens, shape.vocab, shape.batch, shape.steps,
                ShardPlan.of(shape.batch, workers, seed));
        Result r = new Result(net.parameters().stream().mapToLong(Parameter::size).sum(), steps);
        try (SparkGradients g = new SparkGradients(spark, workers, net, 0, seed, text)) {
            Iterator<Batch> batches = data.epoch(null, 0);
            List<State> states = null;
            for (int i = 0; i < warmup + steps; i++) {
                Batch b = batches.next();
                boolean timed = i >= warmup;
                long t0 = System.nanoTime();
                net.parameterGradients(b.input(), b.target(), states);
                long t1 = System.nanoTime();
                StepTiming before = g.timing();
                g.gradients(b, states);
                StepTiming after = g.timing();
                long t2 = System.nanoTime();
                clip.clip(net.parameters());
                adam.step(net.parameters());
                long t3 = System.nanoTime();
                if (timed) {
                    double total = after.totalSeconds() - before.totalSeconds();
                    double compute = after.computeSeconds() - before.computeSeconds();
                    r.oneProcess.add((t1 - t0) / 1e9);
                    r.total.add(total);
                    r.compute.add(compute);
                    r.communicate.add(total - compute);
                    r.update.add((t3 - t2) / 1e9);
                }
                states = g.finalStates();
            }
        }
        return r;
    }

    /** A workload's shape: docs/BENCHMARKS.md's W3 and W4 (Elman tanh stacks, softmax cross-entropy). */
    record Shape(String id, int layers, int hidden, int vocab, int steps, int batch) {

        static final List<Shape> ALL = List.of(new Shape("W3", 2, 256, 65, 64, 32), new Shape("W4", 4, 512, 65, 64, 64));

        static Shape of(String id) {
            return ALL.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown workload '" + id + "'; this measures W3, W4 or all"));
        }

        /** The network as rnn-bench's WorkloadRun builds it (seed 42). */
        Network network(Registry registry) {
            NetworkBuilder b = Network.builder(registry).input(vocab);
            for (int l = 0; l < layers; l++) {
                b.recurrent("elman", hidden, Map.of("activation", "tanh"));
            }
            return b.output(vocab).loss("softmax_cross_entropy").seed(42).build();
        }

        /** docs/BENCHMARKS.md's synthetic text (64-bit LCG, seed 1234, 8 successors per symbol). */
        static int[] text(long n) {
            int[] c = new int[Math.toIntExact(n)];
            long s = 1234;
            for (int i = 0; i < c.length; i++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                long r = s >>> 33;
                c[i] = i == 0 ? (int) (r % 65) : (int) ((17L * c[i - 1] + r % 8) % 65);
            }
            return c;
        }
    }

    /** Per-step times of one measurement, in seconds, and the network's parameter count. */
    static final class Result {
        final long parameters;
        final Samples oneProcess;
        final Samples total;
        final Samples compute;
        final Samples communicate;
        final Samples update;

        Result(long parameters, int steps) {
            this.parameters = parameters;
            oneProcess = new Samples(steps);
            total = new Samples(steps);
            compute = new Samples(steps);
            communicate = new Samples(steps);
            update = new Samples(steps);
        }
    }

    /** A list of times with their median. */
    static final class Samples {
        private final List<Double> values;

        Samples(int capacity) {
            values = new ArrayList<>(capacity);
        }

        void add(double v) {
            values.add(v);
        }

        /** @return the values in the order added */
        List<Double> values() {
            return List.copyOf(values);
        }

        /** @return the median (the mean of the middle two for an even count) */
        double median() {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            int m = v.length / 2;
            return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        }
    }
}
