package org.rnn4j.core.math;

/**
 * Bounds checks of the row-major matrix views a GEMM reads and writes. Native code must never
 * see a view that leaves its array (it would read or write the Java heap outside it), so every
 * view is checked here, in full, before any kernel runs.
 */
final class Views {

    private Views() {
    }

    /**
     * Checks the three views of {@code C = alpha op(A) op(B) + beta C}.
     *
     * @throws IllegalArgumentException naming the first view that does not fit, with its shape
     */
    static void requireGemm(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm needs m, n, k >= 0, got " + m + ", " + n + ", " + k);
        }
        require("A", a, aOff, transA ? k : m, transA ? m : k, lda);
        require("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
        require("C", c, cOff, m, n, ldc);
    }

    /**
     * Checks that a rows x cols view with row stride {@code ld} from {@code off} lies inside
     * {@code x}.
     */
    static void require(String name, double[] x, int off, int rows, int cols, int ld) {
        if (x == null) {
            throw new IllegalArgumentException("gemm: matrix " + name + " is null");
        }
        if (off < 0 || ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("gemm: matrix " + name + " (" + rows + " x " + cols
                    + ") needs offset >= 0 and row stride >= max(1, " + cols + "), got offset " + off
                    + ", row stride " + ld);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException("gemm: matrix " + name + " (" + rows + " x " + cols + ", offset "
                    + off + ", row stride " + ld + ") ends at " + end + ", past its array of " + x.length);
        }
    }

    /**
     * Whether netlib's own bounds check accepts a view: it asks for {@code off + rows * ld}
     * elements (a full stride after the last row too), which is stricter than the view needs.
     * Views it would wrongly reject take the plain Java path.
     */
    static boolean netlibAccepts(double[] x, int off, int rows, int ld) {
        return off + (long) rows * ld <= x.length;
    }
}
