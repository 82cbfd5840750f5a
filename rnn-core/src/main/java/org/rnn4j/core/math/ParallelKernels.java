package org.rnn4j.core.math;

/**
 * Spreads the work over the cores: large products are cut into one piece per thread, each
 * piece run by the single-threaded BLAS underneath, and {@link #parallel} hands the layers'
 * independent slices (the sequences of a batch) to the same threads. The BLAS itself must then
 * run one thread per call ({@code OPENBLAS_NUM_THREADS=1}, which {@code ./rnn4j} sets), or
 * the two kinds of threads oversubscribe the cores.
 *
 * <p>How a product {@code C = alpha op(A) op(B) + beta C} is cut:
 * <ul>
 *   <li>A not transposed: by rows of C (and of A); B is shared.</li>
 *   <li>A transposed (the weight gradients, sums over all T x B rows): by the shared dimension
 *       k. The first piece updates C, each other piece writes its partial product into a
 *       buffer of its thread, and the buffers are added into C at the end. (Cutting C's rows
 *       would hand netlib column slices of A, which its bounds check refuses.)</li>
 * </ul>
 * The cut depends only on the shape and the thread count, so results are the same from run to
 * run on the same machine.
 */
final class ParallelKernels implements Kernels {

    /**
     * Products (and parallel regions) of fewer multiply-adds than this run in one piece on the
     * calling thread: about 50 microseconds of work, ten times what a hand-off costs.
     */
    static final long SPLIT = 1L << 20;

    private final Kernels inner;
    private final Workers workers;
    private final double[][] partial;

    /**
     * @param inner the single-threaded kernels
     * @param threads threads to use, the caller included, at least 1
     */
    ParallelKernels(Kernels inner, int threads) {
        this.inner = inner;
        this.workers = new Workers(threads);
        this.partial = new double[threads][0];
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc) {
        int t = workers.threads();
        if (t < 2 || (long) m * n * k < SPLIT || workers.busy()) {
            inner.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Views.requireGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (!transA) {
            workers.run(m, 1, (i0, i1) -> inner.gemm(false, transB, i1 - i0, n, k, alpha, a, aOff + i0 * lda, lda,
                    b, bOff, ldb, beta, c, cOff + i0 * ldc, ldc));
        } else {
            splitShared(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** C = alpha A^T op(B) + beta C with the k rows of A (and of op(B)) cut into pieces. */
    private void splitShared(boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (!workers.tryAcquire()) {
            // another thread's region has the crew (and the partial buffers): one piece here
            inner.gemm(true, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        try {
            int t = workers.threads();
            for (int s = 1; s < t; s++) {
                if (partial[s].length < m * n) {
                    partial[s] = new double[m * n];
                }
            }
            workers.runHeld(t, 1, (s0, s1) -> {
                for (int s = s0; s < s1; s++) {
                    int p0 = (int) ((long) k * s / t);
                    int p1 = (int) ((long) k * (s + 1) / t);
                    int bStart = transB ? bOff + p0 : bOff + p0 * ldb;
                    boolean first = s == 0;
                    inner.gemm(true, transB, m, n, p1 - p0, alpha, a, aOff + p0 * lda, lda, b, bStart, ldb,
                            first ? beta : 0.0, first ? c : partial[s], first ? cOff : 0, first ? ldc : n);
                }
            });
            workers.runHeld(m, 1, (i0, i1) -> {
                for (int s = 1; s < t; s++) {
                    double[] p = partial[s];
                    for (int i = i0; i < i1; i++) {
                        int ci = cOff + i * ldc;
                        int pi = i * n;
                        for (int j = 0; j < n; j++) {
                            c[ci + j] += p[pi + j];
                        }
                    }
                }
            });
        } finally {
            workers.release();
        }
    }

    @Override
    public void parallel(int n, long workPerIndex, Range body) {
        if (n * workPerIndex < SPLIT) {
            body.run(0, n);
        } else {
            workers.run(n, 1, body);
        }
    }

    @Override
    public int threads() {
        return workers.threads();
    }

    @Override
    public String description() {
        return inner.description() + "; " + workers.threads() + " thread(s)";
    }

    @Override
    public boolean isNative() {
        return inner.isNative();
    }
}
