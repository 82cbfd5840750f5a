package org.rnn4j.core;

import org.rnn4j.core.math.Kernels;
import org.rnn4j.core.math.KernelsF32;

/**
 * Which numeric kernels this JVM runs the built-in layers on, for reports (the benchmark prints
 * it beside its figures). The choice itself is made once, inside rnn-core.
 */
public final class Backend {

    private Backend() {
    }

    /**
     * @return a one-line description, e.g. the native BLAS library that netlib loaded
     */
    public static String description() {
        return Kernels.get().description();
    }

    /**
     * @return whether matrix products run in a native BLAS (false: netlib's Java fallback)
     */
    public static boolean isNative() {
        return Kernels.get().isNative();
    }

    /**
     * @return how many threads the kernels spread large products and batches over
     */
    public static int threads() {
        return Kernels.get().threads();
    }

    /**
     * {@code C = A B} for row-major A (m x k), B (k x n) and C (m x n), computed exactly as the
     * layers' products are (same BLAS, same threads): for benchmarks that need the machine's
     * peak on the same footing, and for checking an installation.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a m * k values
     * @param b k * n values
     * @param c m * n values, overwritten
     * @throws IllegalArgumentException if an array is too short
     */
    public static void multiply(int m, int n, int k, double[] a, double[] b, double[] c) {
        Kernels.get().gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
    }

    /**
     * C = A B in float32 (row-major, C overwritten) through the float32 kernels the layers of a
     * float32 network use: {@code sgemm} of the same BLAS, cut over the same threads. The sgemm
     * peak of the benchmarks.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a m x k
     * @param b k x n
     * @param c m x n, overwritten
     */
    public static void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        KernelsF32.get().gemm(false, false, m, n, k, 1.0f, a, 0, k, b, 0, n, 0.0f, c, 0, n);
    }
}
