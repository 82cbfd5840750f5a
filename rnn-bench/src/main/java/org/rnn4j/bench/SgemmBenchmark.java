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
 * The machine's float32 peak, for the float32 rows' ratios: C = A B on 1024 x 1024 float32
 * matrices through {@link Backend#multiply(int, int, int, float[], float[], float[])}, the very
 * path of a float32 network's large products ({@code sgemm} of the same native BLAS, cut over
 * the same threads as {@link DgemmBenchmark}'s dgemm). 2 n^3 floating-point operations per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SgemmBenchmark {

    /** Matrix size n. */
    @Param("1024")
    public int size;

    private float[] a;
    private float[] b;
    private float[] c;

    /** For JMH. */
    public SgemmBenchmark() {
    }

    /** Random matrices, seeded. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        a = new float[size * size];
        b = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
            b[i] = (float) r.nextDouble(-1, 1);
        }
        c = new float[size * size];
    }

    /**
     * @return C
     */
    @Benchmark
    public float[] sgemm() {
        Backend.multiply(size, size, size, a, b, c);
        return c;
    }
}
