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
 *       buffer of its own, and the buffers are added into C in order at the end. (Cutting C's
 *       rows would hand netlib column slices of A, which its bounds check refuses.)</li>
 * </ul>
 * The cut depends only on the shape and the thread count, and a thread that finds the crew
 * busy computes the same pieces in turn, so results are the same bit for bit from run to run
 * on the same machine.
 */
final class ParallelKernels implements Kernels {

    /**
     * Products (and parallel regions) of fewer multiply-adds than this run in one piece on the
     * calling thread: about 50 microseconds of work, ten times what a hand-off costs.
     */
    static final long SPLIT = 1L << 20;

    private final Kernels inner;
    private final Workers workers;
    /** The product the crew works on (used only by the thread that holds the crew). */
    private final Product product;
    /** A product of each thread's own, for the same pieces computed in turn ({@link #piecesInTurn}). */
    private final ThreadLocal<Product> own;
    private final Range rowPieces;
    private final Range sharedPieces;
    private final Range partialSums;

    /**
     * @param inner the single-threaded kernels
     * @param threads threads to use, the caller included, at least 1
     */
    ParallelKernels(Kernels inner, int threads) {
        this.inner = inner;
        this.workers = new Workers(threads);
        this.product = new Product(inner, threads);
        this.own = ThreadLocal.withInitial(() -> new Product(inner, threads));
        this.rowPieces = product::rows;
        this.sharedPieces = product::shares;
        this.partialSums = product::sums;
    }

    /**
     * A product being cut, held in fields so that handing out its pieces allocates nothing. The
     * cut is defined here once, for the crew (pieces on several threads) and for a thread that
     * computes the same pieces in turn.
     */
    private static final class Product {
        private final Kernels inner;
        /** Pieces of a transposed product: one per thread of the crew. */
        private final int pieces;
        /** The partial products of pieces 1 .. pieces-1 (piece 0 goes into C). */
        private final double[][] partial;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private double alpha;
        private double[] a;
        private int aOff;
        private int lda;
        private double[] b;
        private int bOff;
        private int ldb;
        private double beta;
        private double[] c;
        private int cOff;
        private int ldc;

        Product(Kernels inner, int pieces) {
            this.inner = inner;
            this.pieces = pieces;
            this.partial = new double[pieces][0];
        }

        void set(boolean tb, int m1, int n1, int k1, double al, double[] a1, int ao, int la,
                double[] b1, int bo, int lb, double be, double[] c1, int co, int lc) {
            transB = tb;
            m = m1;
            n = n1;
            k = k1;
            alpha = al;
            a = a1;
            aOff = ao;
            lda = la;
            b = b1;
            bOff = bo;
            ldb = lb;
            beta = be;
            c = c1;
            cOff = co;
            ldc = lc;
        }

        /** Makes the partial buffers large enough for the product set (A transposed). */
        void reservePartials() {
            for (int s = 1; s < pieces; s++) {
                if (partial[s].length < m * n) {
                    partial[s] = new double[m * n];
                }
            }
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        /** Rows [i0, i1) of C = alpha A op(B) + beta C. */
        void rows(int i0, int i1) {
            inner.gemm(false, transB, i1 - i0, n, k, alpha, a, aOff + i0 * lda, lda, b, bOff, ldb, beta,
                    c, cOff + i0 * ldc, ldc);
        }

        /**
         * Pieces [s0, s1) of C = alpha A^T op(B) + beta C, piece s summing over its share of the k
         * rows of A: piece 0 into C, the others into their partial buffers.
         */
        void shares(int s0, int s1) {
            for (int s = s0; s < s1; s++) {
                int p0 = Workers.bound(k, pieces, s);
                int p1 = Workers.bound(k, pieces, s + 1);
                int bStart = transB ? bOff + p0 : bOff + p0 * ldb;
                if (s == 0) {
                    inner.gemm(true, transB, m, n, p1 - p0, alpha, a, aOff + p0 * lda, lda, b, bStart, ldb,
                            beta, c, cOff, ldc);
                } else {
                    inner.gemm(true, transB, m, n, p1 - p0, alpha, a, aOff + p0 * lda, lda, b, bStart, ldb,
                            0.0, partial[s], 0, n);
                }
            }
        }

        /** Rows [i0, i1) of C += the partial products. */
        void sums(int i0, int i1) {
            for (int s = 1; s < pieces; s++) {
                double[] p = partial[s];
                for (int i = i0; i < i1; i++) {
                    int ci = cOff + i * ldc;
                    int pi = i * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += p[pi + j];
                    }
                }
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc) {
        if (workers.threads() < 2 || (long) m * n * k < SPLIT) {
            inner.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Views.requireGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (!workers.tryAcquire()) {
            // inside a slice, or another thread's region: the same pieces, one after the other
            piecesInTurn(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        try {
            product.set(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            if (!transA) {
                workers.runHeld(m, 1, rowPieces);
            } else {
                product.reservePartials();
                workers.runHeld(workers.threads(), 1, sharedPieces);
                workers.runHeld(m, 1, partialSums);
            }
        } finally {
            product.clear();
            workers.release();
        }
    }

    /**
     * The pieces of {@link #gemm}'s cut computed on the calling thread, by the same
     * {@link Product} code and in the order the crew adds them, so that the result is the same
     * bit for bit.
     */
    private void piecesInTurn(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Product p = own.get();
        p.set(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        try {
            if (!transA) {
                int slices = workers.slices(m, 1);
                for (int s = 0; s < slices; s++) {
                    p.rows(Workers.bound(m, slices, s), Workers.bound(m, slices, s + 1));
                }
            } else {
                p.reservePartials();
                p.shares(0, workers.threads());
                p.sums(0, m);
            }
        } finally {
            p.clear();
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
    public Kernels sequential() {
        return inner;
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
