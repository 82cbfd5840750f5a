package org.rnn4j.core.math;

/**
 * Portable kernels in plain Java. The loops are ordered so that the innermost one walks
 * contiguous memory (i-p-j for C += A B; dot products for C += A B^T), which the JIT
 * vectorises.
 */
final class JavaKernels implements Kernels {

    static final JavaKernels INSTANCE = new JavaKernels();

    private JavaKernels() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc) {
        scale(c, cOff, ldc, m, n, beta);
        if (alpha == 0 || k == 0) {
            return;
        }
        if (!transB) {
            // C[i,:] += alpha * A(i,p) * B[p,:]; the inner loop runs along a row of B and of C.
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
        } else if (!transA) {
            // C[i,j] += alpha * dot(A[i,:], B[j,:]): both rows contiguous.
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p] * b[bj + p];
                    }
                    c[ci + j] += alpha * s;
                }
            }
        } else {
            // C = alpha * A^T B^T, rare: C[i,j] += alpha * sum_p A[p,i] B[j,p].
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[aOff + p * lda + i] * b[bj + p];
                    }
                    c[ci + j] += alpha * s;
                }
            }
        }
    }

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
