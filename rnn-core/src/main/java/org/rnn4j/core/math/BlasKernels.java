package org.rnn4j.core.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * GEMM through netlib's {@link BLAS}: JNI to the system's BLAS (OpenBLAS) when netlib could load
 * it, netlib's own Java otherwise.
 *
 * <p>BLAS is column-major and rnn4j row-major. A row-major m x n matrix is the same memory as a
 * column-major n x m one, its transpose, so {@code C = op(A) op(B)} (row-major) is computed as
 * the column-major {@code C^T = op(B)^T op(A)^T}: {@code dgemm(opB, opA, n, m, k, B, A, C)} with
 * the same arrays, offsets and leading dimensions. A product with one row or one column goes to
 * {@code dgemv} with the same reading.
 *
 * <p>Products of fewer than {@link #SMALL} multiply-adds take the plain Java loops: crossing
 * into native code, pinning three arrays and OpenBLAS's dispatch cost about a microsecond,
 * more than the arithmetic of the tutorial's 1 x 3 layer.
 */
final class BlasKernels implements Kernels {

    /**
     * Products with fewer multiply-adds ({@code m * n * k}) than this run in Java. Timed on the
     * benchmark machine (AMD EPYC, OpenBLAS 0.3.21, one thread): below 256 multiply-adds the
     * Java loops take 0.1-0.3 us and the JNI call 0.3-1 us; around 512 they are even; from
     * 1024 OpenBLAS is 1.2 to 5 times faster.
     */
    static final long SMALL = 1024;

    private final BLAS blas;
    private final boolean nativeBlas;
    private String description;

    BlasKernels(BLAS blas) {
        this.blas = blas;
        this.nativeBlas = blas instanceof NativeBLAS;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            double beta, double[] c, int cOff, int ldc) {
        Views.requireGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if ((long) m * n * k < SMALL || alpha == 0
                || !Views.netlibAccepts(a, aOff, transA ? k : m, lda)
                || !Views.netlibAccepts(b, bOff, transB ? n : k, ldb)
                || !Views.netlibAccepts(c, cOff, m, ldc)) {
            JavaKernels.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m == 1) {
            rowResult(transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff);
        } else if (n == 1) {
            columnResult(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            blas.dgemm(op(transB), op(transA), n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    /**
     * {@code c (1 x n) = alpha x op(B) + beta c} with x the single row of op(A); column-major
     * that is {@code c = alpha op(B)^T x + beta c}.
     */
    private void rowResult(boolean transA, boolean transB, int n, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff) {
        int incX = transA ? lda : 1;
        clearIfBetaZero(beta, c, cOff, n, 1);
        if (transB) {
            // B is stored n x k row-major, a column-major k x n matrix M; op(B)^T x = M^T x.
            blas.dgemv("T", k, n, alpha, b, bOff, ldb, a, aOff, incX, beta, c, cOff, 1);
        } else {
            // B is stored k x n row-major, a column-major n x k matrix M; op(B)^T x = M x.
            blas.dgemv("N", n, k, alpha, b, bOff, ldb, a, aOff, incX, beta, c, cOff, 1);
        }
    }

    /** {@code c (m x 1) = alpha op(A) x + beta c} with x the single column of op(B). */
    private void columnResult(boolean transA, boolean transB, int m, int k, double alpha,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        int incX = transB ? 1 : ldb;
        clearIfBetaZero(beta, c, cOff, m, ldc);
        if (transA) {
            // A is stored k x m row-major, a column-major m x k matrix M = op(A).
            blas.dgemv("N", m, k, alpha, a, aOff, lda, b, bOff, incX, beta, c, cOff, ldc);
        } else {
            // A is stored m x k row-major, a column-major k x m matrix M; op(A) = M^T.
            blas.dgemv("T", k, m, alpha, a, aOff, lda, b, bOff, incX, beta, c, cOff, ldc);
        }
    }

    /**
     * BLAS promises that beta = 0 never reads y, but some OpenBLAS versions scale y by zero
     * (NaN * 0 = NaN); writing the zeros first makes that promise hold everywhere.
     */
    private static void clearIfBetaZero(double beta, double[] y, int off, int count, int stride) {
        if (beta == 0) {
            for (int i = 0; i < count; i++) {
                y[off + i * stride] = 0.0;
            }
        }
    }

    private static String op(boolean trans) {
        return trans ? "T" : "N";
    }

    @Override
    public synchronized String description() {
        if (description == null) {
            description = nativeBlas
                    ? "native BLAS through netlib JNI (" + nativeLibrary() + "), plain Java below "
                            + SMALL + " multiply-adds"
                    : "netlib " + blas.getClass().getSimpleName() + " (no native BLAS loaded; install "
                            + "libopenblas0), plain Java below " + SMALL + " multiply-adds";
        }
        return description;
    }

    @Override
    public boolean isNative() {
        return nativeBlas;
    }

    /** The BLAS shared library mapped into this process (Linux), or what netlib asks for. */
    private static String nativeLibrary() {
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            String found = null;
            for (String line : maps) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.contains("blas") && !file.contains("netlibblasjni")
                        && (found == null || file.contains("openblas") && !found.contains("openblas"))) {
                    found = path;
                }
            }
            if (found != null) {
                return found;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say what netlib loads by default
        }
        return "libblas.so.3";
    }
}
