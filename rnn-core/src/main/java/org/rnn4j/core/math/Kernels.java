package org.rnn4j.core.math;

/**
 * The numeric kernels every built-in layer runs on: a BLAS-style matrix product and a few
 * row operations on row-major {@code double} arrays. Layers speak only to this interface, so
 * another BLAS or a float32 path can come in without touching them.
 *
 * <p>{@link #get()} is the one place that decides which kernels run: netlib's BLAS
 * ({@code dev.ludovic.netlib:blas}), which reaches the system's BLAS (Debian:
 * {@code libopenblas0}, found as {@code libblas.so.3}) through JNI and falls back to its own
 * Java when none loads, with the plain Java loops for products too small for a JNI call. The
 * JNI library needs {@code net.sourceforge.f2j:arpack_combined_all} on the class or module path
 * (its {@code JNI_OnLoad} looks up {@code org.netlib.util} classes from it); without it netlib
 * silently runs its Java code, about twenty times slower. {@link #description()} says which
 * one is active.
 *
 * <p>The kernels use every core ({@link #threads()}): large products are cut into one piece
 * per core, and {@link #parallel} runs independent slices of a layer's work (the sequences of
 * a batch) on all cores at once. The BLAS underneath must then run one thread per call
 * ({@code OPENBLAS_NUM_THREADS=1}, which {@code ./rnn4j} sets).
 */
public interface Kernels {

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with {@code op(A)} m x k, {@code op(B)} k x n
     * and C m x n, all row-major with leading dimensions {@code lda}, {@code ldb}, {@code ldc}
     * (the row strides of the matrices as stored, before any transpose).
     *
     * @param transA whether A is stored k x m and used transposed
     * @param transB whether B is stored n x k and used transposed
     * @param m rows of C
     * @param n columns of C
     * @param k the shared dimension
     * @param alpha scale of the product
     * @param a A's array
     * @param aOff offset of A's first element
     * @param lda row stride of A as stored
     * @param b B's array
     * @param bOff offset of B's first element
     * @param ldb row stride of B as stored
     * @param beta scale of C's old value; 0 overwrites C (old NaNs included)
     * @param c C's array
     * @param cOff offset of C's first element
     * @param ldc row stride of C
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc);

    /**
     * Adds {@code v[0..n)} to each of {@code rows} rows of {@code c} ({@code c[r*n + j] += v[j]}).
     *
     * @param c the matrix, rows x n from offset 0
     * @param rows number of rows
     * @param v the row vector
     * @param n row length
     */
    default void addRowVector(double[] c, int rows, double[] v, int n) {
        addRowVector(c, 0, rows, v, n);
    }

    /**
     * Adds {@code v[0..n)} to each of {@code rows} rows of {@code c} from offset {@code off}
     * ({@code c[off + r*n + j] += v[j]}).
     *
     * @param c the matrix
     * @param off offset of its first row
     * @param rows number of rows
     * @param v the row vector
     * @param n row length
     */
    default void addRowVector(double[] c, int off, int rows, double[] v, int n) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * n;
            for (int j = 0; j < n; j++) {
                c[o + j] += v[j];
            }
        }
    }

    /**
     * Adds the column sums of a rows x n matrix into {@code sums} ({@code sums[j] += sum_r a[r*n+j]}).
     *
     * @param a the matrix from offset 0
     * @param rows number of rows
     * @param n row length
     * @param sums destination, accumulated into
     */
    default void addColumnSums(double[] a, int rows, int n, double[] sums) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                sums[j] += a[o + j];
            }
        }
    }

    /**
     * Runs {@code body} over the independent indices [0, n) (the sequences of a batch, rows of
     * a matrix), cut into contiguous slices that run at the same time on different threads when
     * the work is large enough to pay for handing it over (some microseconds). Returns when all
     * have run. Slices must not write anything another slice reads; products called inside a
     * slice run on the slice's thread. The default runs everything inline.
     *
     * @param n number of indices
     * @param workPerIndex about how many multiply-adds one index costs
     * @param body the work for a slice [from, to)
     */
    default void parallel(int n, long workPerIndex, Range body) {
        body.run(0, n);
    }

    /**
     * The same kernels without any threads of their own: every product runs whole on the calling
     * thread. A slice of {@link #parallel} uses them for its own rows, so that its products are
     * not cut again.
     *
     * @return the kernels for work inside a slice
     */
    default Kernels sequential() {
        return this;
    }

    /** @return how many threads {@link #parallel} and large products use, at least 1 */
    default int threads() {
        return 1;
    }

    /**
     * A one-line description of the implementation, for logs and benchmark reports.
     *
     * @return what runs the products
     */
    default String description() {
        return getClass().getSimpleName();
    }

    /**
     * @return whether the large products run in a native BLAS
     */
    default boolean isNative() {
        return false;
    }

    /**
     * The kernels in use, chosen once, on first use, from what netlib loaded; nowhere else
     * decides.
     *
     * @return the kernels
     */
    static Kernels get() {
        return Selection.ACTIVE;
    }
}
