package org.rnn4j.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./rnn4j bench}: runs the peak (dgemm for float64, sgemm for float32) and workload
 * benchmarks under JMH (one fork each, with the gc profiler) and prints, per workload and
 * precision, training and inference characters per second, GFLOP/s by docs/BENCHMARKS.md's count,
 * the fraction of the peak of that precision measured in the same run, and the bytes allocated per
 * training step. JMH's own progress goes to stderr, so that with {@code --json} stdout holds one
 * JSON array and nothing else.
 */
@Command(name = "rnn4j bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the workloads W1-W6 of docs/BENCHMARKS.md in float32 and float64 and a 1024^3 sgemm "
                + "and dgemm under JMH; print chars/s, GFLOP/s, %% of the peak of the row's precision and "
                + "allocation per step.")
public final class BenchMain implements Callable<Integer> {

    private static final String WORKLOAD_BENCH = WorkloadBenchmark.class.getName();
    /** The peak benchmark of each precision, as JMH names it. */
    private static final String SGEMM_BENCH = SgemmBenchmark.class.getName() + ".sgemm";
    private static final String DGEMM_BENCH = DgemmBenchmark.class.getName() + ".dgemm";
    private static final int GEMM_SIZE = 1024;

    @Option(names = "--quick", description = "Short JMH iterations: a few minutes on 2 cores, noisier figures.")
    private boolean quick;

    @Option(names = "--json", description = "Print one JSON array: {workload, precision, ns_per_step, "
            + "train_chars_per_s, infer_chars_per_s, gflops, peak_fraction, alloc_bytes_per_step} per workload "
            + "and precision.")
    private boolean json;

    @Option(names = "--scaling", description = "Also time W3 training at T = 32, 64, 128 and at 1, 2, 4 layers "
            + "in each precision (table only).")
    private boolean scaling;

    @Option(names = "--workloads", split = ",", paramLabel = "ID",
            description = "Which workloads to run (default: all six).")
    private List<String> workloads = List.of("W1", "W2", "W3", "W4", "W5", "W6");

    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "Which precisions to run, comma-separated: float32, float64 (default: float32,float64). "
                    + "Only the peaks they need are timed: sgemm for float32, dgemm for float64.")
    private List<String> precisionNames = List.of("float32", "float64");

    /** How long JMH measures. */
    private record Plan(String name, int warmups, int measurements, int seconds) {
    }

    /** A W3 variant of the scaling report and the JMH run that timed it. */
    private record Variant(String label, Collection<RunResult> results, int steps, int layers) {
    }

    /** For picocli. */
    public BenchMain() {
    }

    /**
     * Runs the benchmarks; exit code 0, or 2 with a one-line message on bad options.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command, bad option values answered with one line and exit code 2 */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("rnn4j bench: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public Integer call() throws RunnerException {
        if (json && scaling) {
            throw new IllegalArgumentException("--scaling prints a table only; run it without --json");
        }
        List<Workload> chosen = workloads.stream().map(Workload::of).toList();
        List<Precision> precisions = precisionNames.stream().map(Precision::parse).distinct().toList();
        Plan plan = quick ? new Plan("quick", 2, 3, 1) : new Plan("full", 3, 5, 2);
        PrintStream info = json ? System.err : System.out;
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        environment(info, plan, loadBefore);

        for (Workload w : chosen) {
            if (w.layers() > 1) {
                for (Precision p : precisions) {
                    // before JMH, while this JVM is still fresh: W4's heap has a target in both precisions
                    info.println(HeapFootprint.measure(w, p).describe());
                }
            }
        }

        EnumMap<Precision, Double> peaks = peaks(info, plan, precisions);

        String[] ids = chosen.stream().map(Workload::id).toArray(String[]::new);
        String[] labels = precisions.stream().map(Precision::label).toArray(String[]::new);
        Collection<RunResult> results = run(plan, WORKLOAD_BENCH + ".(train|infer)$", ids, labels, null, null);
        List<Row> rows = new ArrayList<>();
        for (Workload w : chosen) {
            for (Precision p : precisions) {
                RunResult train = find(results, "train", w.id(), p, 0, 0);
                RunResult infer = find(results, "infer", w.id(), p, 0, 0);
                rows.add(new Row(w, p, train.getPrimaryResult().getScore(), infer.getPrimaryResult().getScore(),
                        allocation(train), peaks.get(p)));
            }
        }
        String loadAfter = loadAverage();
        if (json) {
            System.out.println(toJson(rows));
        } else {
            Table.print(System.out, rows);
        }
        if (scaling) {
            for (Precision p : precisions) {
                scalingTable(System.out, plan, p, peaks.get(p));
            }
        }
        info.printf(Locale.ROOT, "%s run: %.0f s; load average before %s, after %s%n", plan.name(),
                (System.nanoTime() - start) / 1e9, loadBefore, loadAfter);
        return 0;
    }

    /**
     * Times the peak of each precision asked for in one JMH run (sgemm for float32, dgemm for
     * float64) and prints them.
     *
     * @return GFLOP/s of the best iteration, per precision
     */
    private EnumMap<Precision, Double> peaks(PrintStream info, Plan plan, List<Precision> precisions)
            throws RunnerException {
        List<String> benches = precisions.stream().map(BenchMain::peakBenchmark).toList();
        Collection<RunResult> results = run(plan, "(" + String.join("|", benches) + ")$", null, null, null, null);
        EnumMap<Precision, Double> peaks = new EnumMap<>(Precision.class);
        double flops = 2.0 * GEMM_SIZE * GEMM_SIZE * GEMM_SIZE;
        for (Precision p : precisions) {
            RunResult r = results.stream().filter(x -> x.getParams().getBenchmark().equals(peakBenchmark(p)))
                    .findFirst().orElseThrow(() -> new IllegalStateException("JMH gave no result for the "
                            + peakBenchmark(p) + " peak"));
            double gflops = flops / r.getPrimaryResult().getStatistics().getMin();
            peaks.put(p, gflops);
            info.printf(Locale.ROOT, "%s %d^3 %s: %.1f GFLOP/s (best iteration; mean %.1f)%n", peakName(p),
                    GEMM_SIZE, p.label(), gflops, flops / r.getPrimaryResult().getScore());
        }
        return peaks;
    }

    private static String peakBenchmark(Precision p) {
        return p == Precision.FLOAT32 ? SGEMM_BENCH : DGEMM_BENCH;
    }

    /** @return "sgemm" or "dgemm" */
    static String peakName(Precision p) {
        return p == Precision.FLOAT32 ? "sgemm" : "dgemm";
    }

    private static void environment(PrintStream out, Plan plan, String load) {
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        String source = System.getenv("RNN4J_CORETYPE_SOURCE");
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        out.println("rnn4j bench (" + plan.name() + "): JMH, 1 fork per benchmark, " + plan.warmups() + " warm-up + "
                + plan.measurements() + " measured iterations of " + plan.seconds() + " s, gc profiler");
        out.println("BLAS: " + Backend.description());
        out.println("OpenBLAS core type: " + (coreType == null
                ? "not set (OpenBLAS detects the CPU itself; ./rnn4j sets it from the CPU flags)"
                : coreType + (source == null ? " (set by the user)" : " (" + source + ")")));
        out.println("threads: OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads) + ", "
                + Runtime.getRuntime().availableProcessors() + " processors; Java "
                + System.getProperty("java.version") + "; load average " + load);
    }

    private Collection<RunResult> run(Plan plan, String include, String[] ids, String[] precisions, String[] steps,
            String[] layers) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + include)
                .forks(1)
                .warmupIterations(plan.warmups())
                .warmupTime(TimeValue.seconds(plan.seconds()))
                .measurementIterations(plan.measurements())
                .measurementTime(TimeValue.seconds(plan.seconds()))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (ids != null) {
            options.param("workload", ids);
        }
        if (precisions != null) {
            options.param("precision", precisions);
        }
        if (steps != null) {
            options.param("steps", steps);
        }
        if (layers != null) {
            options.param("layers", layers);
        }
        Runner runner = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
        return runner.run();
    }

    private static RunResult find(Collection<RunResult> results, String method, String id, Precision precision,
            int steps, int layers) {
        for (RunResult r : results) {
            var p = r.getParams();
            if (p.getBenchmark().endsWith("." + method) && id.equals(p.getParam("workload"))
                    && precision.label().equals(p.getParam("precision"))
                    && Integer.parseInt(p.getParam("steps")) == steps
                    && Integer.parseInt(p.getParam("layers")) == layers) {
                return r;
            }
        }
        throw new IllegalStateException("JMH gave no result for " + method + " of " + id + " in " + precision);
    }

    /** Bytes per operation from JMH's gc profiler. */
    private static double allocation(RunResult r) {
        for (String key : r.getSecondaryResults().keySet()) {
            if (key.endsWith("gc.alloc.rate.norm")) {
                return r.getSecondaryResults().get(key).getScore();
            }
        }
        return Double.NaN;
    }

    private void scalingTable(PrintStream out, Plan plan, Precision precision, double peakGflops)
            throws RunnerException {
        String[] label = {precision.label()};
        Collection<RunResult> byT = run(plan, WORKLOAD_BENCH + ".train$", new String[] {"W3"}, label,
                new String[] {"32", "64", "128"}, new String[] {"0"});
        Collection<RunResult> byL = run(plan, WORKLOAD_BENCH + ".train$", new String[] {"W3"}, label,
                new String[] {"0"}, new String[] {"1", "2", "4"});
        Workload base = Workload.of("W3");
        double baseNanos = find(byT, "train", "W3", precision, 64, 0).getPrimaryResult().getScore();
        double baseFlops = base.trainingFlopsPerChar() * base.charsPerStep();
        out.println("scaling of W3 training in " + precision.label() + " (2 x 256, T 64, batch 32 unless stated; "
                + "% of the " + peakName(precision) + " peak):");
        out.printf(Locale.ROOT, "%-12s %12s %12s %12s %9s%n", "variant", "ms/step", "time ratio", "FLOP ratio",
                "% peak");
        List<Variant> variants = List.of(new Variant("T = 32", byT, 32, 0), new Variant("T = 64", byT, 64, 0),
                new Variant("T = 128", byT, 128, 0), new Variant("1 layer", byL, 0, 1),
                new Variant("2 layers", byL, 0, 2), new Variant("4 layers", byL, 0, 4));
        for (Variant v : variants) {
            double nanos = find(v.results(), "train", "W3", precision, v.steps(), v.layers())
                    .getPrimaryResult().getScore();
            Workload w = base.withSteps(v.steps()).withLayers(v.layers());
            double flops = w.trainingFlopsPerChar() * w.charsPerStep();
            out.printf(Locale.ROOT, "%-12s %12.2f %12.2f %12.2f %8.1f%%%n", v.label(), nanos / 1e6,
                    nanos / baseNanos, flops / baseFlops, 100 * flops / nanos / peakGflops);
        }
        out.println();
    }

    /** @return the rows as {@code --json} prints them, one array */
    static String toJson(List<Row> rows) {
        try {
            return JSON.std.asString(rows.stream().map(Row::json).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
