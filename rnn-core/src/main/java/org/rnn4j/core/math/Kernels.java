package org.rnn4j.core.math;

/**
 * The numeric kernels every built-in layer runs on: a BLAS-style matrix product and a few
 * row operations on row-major {@code double} arrays. Layers speak only to this interface, so a
 * native BLAS or a float32 path can replace {@link JavaKernels} without touching them.
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
        for (int r = 0; r < rows; r++) {
            int o = r * n;
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
     * The kernels in use. Today the portable Java ones; the choice is made here, once, and
     * nowhere else.
     *
     * @return the kernels
     */
    static Kernels get() {
        return JavaKernels.INSTANCE;
    }
}
