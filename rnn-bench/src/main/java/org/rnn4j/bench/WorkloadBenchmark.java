package org.rnn4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Registry;

/**
 * Time per training step and per forward pass of a workload in a precision, in nanoseconds.
 * {@code steps} and {@code layers} override the workload's T and depth for the scaling report
 * (0 keeps them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorkloadBenchmark {

    /** "W1" to "W6". */
    @Param({"W1", "W2", "W3", "W4", "W5", "W6"})
    public String workload;

    /** What the network computes in: "float32" or "float64" ({@link Precision#label()}). */
    @Param({"float32", "float64"})
    public String precision;

    /** T, or 0 for the workload's own. */
    @Param("0")
    public int steps;

    /** Recurrent layers, or 0 for the workload's own. */
    @Param("0")
    public int layers;

    private WorkloadRun run;

    /** For JMH. */
    public WorkloadBenchmark() {
    }

    /** Builds the network, optimizer and batches once per fork. */
    @Setup
    public void setUp() {
        run = new WorkloadRun(Workload.of(workload).withSteps(steps).withLayers(layers), Precision.parse(precision),
                Registry.installed());
    }

    /**
     * @return the loss, so that nothing is optimised away
     */
    @Benchmark
    public double train() {
        return run.train();
    }

    /**
     * @return the scores
     */
    @Benchmark
    public Sequence infer() {
        return run.infer();
    }
}
