package org.rnn4j.core.init;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Orthogonal initialisation: orthonormal rows or columns, and exactly the sign-corrected QR
 * factor of the Gaussian matrix drawn from the same seed (Q^T G is upper triangular with a
 * positive diagonal), block by block.
 */
class OrthogonalTest {

    private static final double TOL = 1e-12;

    @Test
    void squareBlockIsOrthogonalAndTheSignCorrectedQOfItsGaussianDraw() {
        check(7, 7, 1, 11);
    }

    @Test
    void tallBlockHasOrthonormalColumns() {
        check(9, 4, 1, 12);
    }

    @Test
    void wideBlockHasOrthonormalRows() {
        check(3, 8, 1, 13);
    }

    @Test
    void eachGateBlockOfAGatedRecurrentWeightIsOrthogonal() {
        check(4 * 5, 5, 4, 14);
        check(3 * 6, 6, 3, 15);
    }

    @Test
    void aLargeBlockStaysOrthogonal() {
        check(128, 128, 1, 16);
    }

    /** Fills rows x cols in blocks from seed, then checks every block against its own draw. */
    private static void check(int rows, int cols, int blocks, long seed) {
        double[] w = new double[rows * cols];
        Orthogonal.fill(w, rows, cols, blocks, new SplittableRandom(seed));
        SplittableRandom again = new SplittableRandom(seed);
        int r = rows / blocks;
        for (int k = 0; k < blocks; k++) {
            double[] g = new double[r * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = again.nextGaussian();
            }
            double[] block = new double[r * cols];
            System.arraycopy(w, k * r * cols, block, 0, block.length);
            String where = rows + " x " + cols + ", block " + k;
            if (r >= cols) {
                // Q is r x c: Q^T Q = I_c and Q^T G = R upper triangular, R_jj > 0.
                requireIdentity(multiply(block, r, cols, true, block, r, cols, false), cols, where + ": Q^T Q");
                requireUpperPositive(multiply(block, r, cols, true, g, r, cols, false), cols, where + ": Q^T G");
            } else {
                // block = Q^T with Q of G^T (c x r): block block^T = I_r and block G^T = R.
                requireIdentity(multiply(block, r, cols, false, block, r, cols, true), r, where + ": W W^T");
                requireUpperPositive(multiply(block, r, cols, false, g, r, cols, true), r, where + ": W G^T");
            }
        }
    }

    /** op(A) op(B) for row-major A (ar x ac) and B (br x bc), op = transpose if flagged. */
    private static double[] multiply(double[] a, int ar, int ac, boolean ta, double[] b, int br, int bc, boolean tb) {
        int m = ta ? ac : ar;
        int inner = ta ? ar : ac;
        int n = tb ? br : bc;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < inner; p++) {
                    double x = ta ? a[p * ac + i] : a[i * ac + p];
                    double y = tb ? b[j * bc + p] : b[p * bc + j];
                    s += x * y;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void requireIdentity(double[] m, int n, String what) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 1 : 0;
                if (Math.abs(m[i * n + j] - expected) > TOL) {
                    fail(what + " [" + i + "," + j + "] = " + m[i * n + j] + ", expected " + expected);
                }
            }
        }
    }

    private static void requireUpperPositive(double[] m, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertTrue(m[i * n + i] > 1e-9, what + " diagonal " + i + " = " + m[i * n + i] + " must be > 0");
            for (int j = 0; j < i; j++) {
                if (Math.abs(m[i * n + j]) > 1e-10) {
                    fail(what + " [" + i + "," + j + "] = " + m[i * n + j] + " below the diagonal must be 0");
                }
            }
        }
    }
}
