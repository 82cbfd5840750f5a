package org.rnn4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rnn4j.core.Backend;

/**
 * The machine's peak for the report's ratios: C = A B on 1024 x 1024 float64 matrices through
 * {@link Backend#multiply}, the very path of the layers' large products (the same native BLAS,
 * cut over the same threads). 2 n^3 floating-point operations per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DgemmBenchmark {

    /** Matrix size n. */
    @Param("1024")
    public int size;

    private double[] a;
    private double[] b;
    private double[] c;

    /** For JMH. */
    public DgemmBenchmark() {
    }

    /** Random matrices, seeded. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        a = r.doubles((long) size * size, -1, 1).toArray();
        b = r.doubles((long) size * size, -1, 1).toArray();
        c = new double[size * size];
    }

    /**
     * @return C
     */
    @Benchmark
    public double[] dgemm() {
        Backend.multiply(size, size, size, a, b, c);
        return c;
    }
}
