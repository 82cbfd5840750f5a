package org.rnn4j.core.math;

/**
 * Portable kernels in plain Java: the whole implementation where no native BLAS loads, and the
 * path for products so small that a JNI call costs more than the arithmetic (the tutorial's
 * 1 x 3 hidden layer). The loops are ordered so that the innermost one walks contiguous memory:
 * i-p-j for {@code C += A B} (an axpy along a row of B and C, which the JIT vectorises), and for
 * {@code C += A B^T} four dot products at once, which keeps four independent chains of
 * multiply-adds in flight and reads each element of A once for four columns of C.
 */
final class JavaKernels implements Kernels {

    static final JavaKernels INSTANCE = new JavaKernels();

    /** Up to this many multiply-adds, one dot product per element of C, written once. */
    static final long TINY = 256;

    private JavaKernels() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc) {
        if ((long) m * n * k <= TINY) {
            direct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        scale(c, cOff, ldc, m, n, beta);
        if (alpha == 0 || k == 0) {
            return;
        }
        if (!transB) {
            rowTimesMatrix(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            dotsWithRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    @Override
    public String description() {
        return "plain Java";
    }

    /**
     * The definition, element by element: for the tutorial's 3-unit layer the loops above cost
     * more in set-up than in arithmetic.
     */
    private static void direct(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        int rowA = transA ? 1 : lda;
        int stepA = transA ? lda : 1;
        int columnB = transB ? ldb : 1;
        int stepB = transB ? 1 : ldb;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * rowA;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * columnB;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * stepA] * b[bj + p * stepB];
                }
                c[ci + j] = beta == 0 ? alpha * s : alpha * s + beta * c[ci + j];
            }
        }
    }

    /** C[i,:] += alpha * op(A)(i,p) * B[p,:]: the inner loop runs along a row of B and of C. */
    private static void rowTimesMatrix(boolean transA, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                double aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (aip == 0) {
                    continue;
                }
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /**
     * C[i,j] += alpha * sum_p op(A)(i,p) * B[j,p] (B used transposed): dot products of a row of
     * op(A) with rows of B, four rows of B at a time.
     */
    private static void dotsWithRows(boolean transA, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        // Element p of row i of op(A) is a[ai + p * as].
        int as = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + (transA ? i : i * lda);
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p * as];
                    s0 += x * b[b0 + p];
                    s1 += x * b[b1 + p];
                    s2 += x * b[b2 + p];
                    s3 += x * b[b3 + p];
                }
                c[ci + j] += alpha * s0;
                c[ci + j + 1] += alpha * s1;
                c[ci + j + 2] += alpha * s2;
                c[ci + j + 3] += alpha * s3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * as] * b[bj + p];
                }
                c[ci + j] += alpha * s;
            }
        }
    }

    /** C = beta * C; beta = 0 writes zeros without reading C, so NaNs in it do not survive. */
    private static void scale(double[] c, int cOff, int ldc, int m, int n, double beta) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0 ? 0.0 : beta * c[ci + j];
            }
        }
    }
}
