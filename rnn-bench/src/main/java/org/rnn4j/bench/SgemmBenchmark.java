package org.rnn4j.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rnn4j.core.Backend;

/**
 * The machine's float32 peak for the float32 rows' ratios: C = A B on 1024 x 1024 float32
 * matrices, 2 n^3 floating-point operations per call, on the footing of {@link DgemmBenchmark}:
 * the same BLAS (netlib's {@link BLAS#getInstance()}, the instance rnn-core's kernels call, so
 * OpenBLAS through JNI under {@code ./rnn4j}), one single-threaded BLAS call per thread, and
 * C's rows cut into {@link Backend#threads()} contiguous pieces, piece s = rows
 * [n s / P, n (s + 1) / P), as rnn-core cuts an untransposed product. The caller computes
 * piece 0 and waits for the others.
 *
 * <p>rnn-core exposes no float32 product to benchmarks yet ({@link Backend#multiply} is float64),
 * so this benchmark makes the cut itself; once {@code Backend} offers a float32 product, this
 * should call it, as {@link DgemmBenchmark} calls the float64 one.
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
    private BLAS blas;
    private int pieces;
    private ExecutorService helpers;
    private final List<Future<?>> pending = new ArrayList<>();

    /** For JMH. */
    public SgemmBenchmark() {
    }

    /** Random matrices, seeded, and one helper thread per piece beyond the first. */
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
        blas = BLAS.getInstance();
        pieces = Math.max(1, Backend.threads());
        helpers = pieces > 1 ? Executors.newFixedThreadPool(pieces - 1, runnable -> {
            Thread t = new Thread(runnable, "sgemm-piece");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Stops the helper threads. */
    @TearDown
    public void tearDown() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    /**
     * @return C
     * @throws InterruptedException if interrupted while waiting for a piece
     * @throws ExecutionException if a piece failed
     */
    @Benchmark
    public float[] sgemm() throws InterruptedException, ExecutionException {
        pending.clear();
        for (int s = 1; s < pieces; s++) {
            int piece = s;
            pending.add(helpers.submit(() -> rows(bound(piece), bound(piece + 1))));
        }
        rows(0, bound(1));
        for (Future<?> f : pending) {
            f.get();
        }
        return c;
    }

    /** The first row of piece s. */
    private int bound(int s) {
        return (int) ((long) size * s / pieces);
    }

    /**
     * Rows [i0, i1) of C = A B, row-major, as BLAS's column-major C^T = B^T A^T (the layout trick
     * of rnn-core's kernels).
     */
    private void rows(int i0, int i1) {
        int n = size;
        blas.sgemm("N", "N", n, i1 - i0, n, 1f, b, 0, n, a, i0 * n, n, 0f, c, i0 * n, n);
    }
}
