package org.rnn4j.core.init;

import java.util.random.RandomGenerator;

/**
 * Orthogonal initialisation (A. M. Saxe, J. L. McClelland and S. Ganguli, "Exact solutions to
 * the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014), as
 * {@code torch.nn.init.orthogonal_} with gain 1, applied to each gate block of a weight:
 *
 * <pre>
 *   G = r x c matrix of N(0, 1) draws, row by row      (one block: r = rows / blocks)
 *   A = G if r &gt;= c, else G^T                           (A is m x n with m &gt;= n)
 *   A = Q R                                              (reduced QR, Householder reflections)
 *   Q = Q diag(sign(R_jj))                               (sign correction: R gets a positive diagonal)
 *   block = Q if r &gt;= c, else Q^T
 * </pre>
 *
 * The sign correction makes the result the unique QR factor with positive diagonal, so it is
 * uniformly (Haar) distributed over the orthogonal matrices (F. Mezzadri, "How to generate
 * random matrices from the classical compact groups", Notices of the AMS 54, 2007). A square
 * block is orthogonal (Q^T Q = Q Q^T = I), a tall one has orthonormal columns, a wide one
 * orthonormal rows.
 *
 * <p>Blocks: a gated layer keeps its gates stacked in one matrix (an LSTM's 4H x H
 * {@code weight_hh}); each H x H gate block gets its own orthogonal matrix, as PyTorch code that
 * slices {@code weight_hh} by gate does. Keras's {@code Orthogonal} instead treats its whole
 * H x 4H recurrent kernel as one matrix (orthonormal rows); with {@code blocks = 1} this class
 * does that. A zero R_jj (probability zero) keeps its column's sign.
 */
public final class Orthogonal {

    private Orthogonal() {
    }

    /**
     * Fills a row-major {@code rows x cols} matrix block by block.
     *
     * @param values {@code rows * cols} numbers, overwritten
     * @param rows rows of the whole matrix
     * @param cols columns
     * @param blocks gate blocks, dividing {@code rows}
     * @param random the seeded source of the Gaussian draws
     */
    public static void fill(double[] values, int rows, int cols, int blocks, RandomGenerator random) {
        int r = rows / blocks;
        for (int k = 0; k < blocks; k++) {
            double[] g = new double[r * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = random.nextGaussian();
            }
            double[] block = orthogonalFactor(g, r, cols);
            System.arraycopy(block, 0, values, k * r * cols, r * cols);
        }
    }

    /**
     * The sign-corrected orthogonal factor of a row-major {@code r x c} matrix, shaped
     * {@code r x c}: Q of G = QR when r &gt;= c, the transpose of Q of G^T = QR otherwise.
     *
     * @param g the matrix, not changed
     * @param r its rows
     * @param c its columns
     * @return a new {@code r x c} row-major array
     */
    static double[] orthogonalFactor(double[] g, int r, int c) {
        boolean wide = r < c;
        int m = wide ? c : r;
        int n = wide ? r : c;
        double[] a = wide ? transpose(g, r, c) : g.clone();
        double[] q = householderQ(a, m, n);
        return wide ? transpose(q, m, n) : q;
    }

    /**
     * Reduced QR of an m x n matrix (m &gt;= n) by Householder reflections H_j = I - 2 v_j v_j^T;
     * returns Q (m x n) with column j multiplied by sign(R_jj). {@code a} is overwritten by R.
     */
    private static double[] householderQ(double[] a, int m, int n) {
        double[][] vs = new double[n][];
        double[] sign = new double[n];
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += a[i * n + j] * a[i * n + j];
            }
            norm = Math.sqrt(norm);
            double x0 = a[j * n + j];
            // R_jj = alpha = -sign(x0) ||x||; reflecting x onto alpha e_1 avoids cancellation.
            double alpha = x0 >= 0 ? -norm : norm;
            sign[j] = alpha < 0 ? -1 : 1;
            if (norm == 0) {
                continue;
            }
            double[] v = new double[m - j];
            for (int i = j; i < m; i++) {
                v[i - j] = a[i * n + j];
            }
            v[0] -= alpha;
            double vNorm = 0;
            for (double e : v) {
                vNorm += e * e;
            }
            vNorm = Math.sqrt(vNorm);
            for (int i = 0; i < v.length; i++) {
                v[i] /= vNorm;
            }
            reflect(a, n, j, m, j, n, v);
            vs[j] = v;
        }
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1;
        }
        for (int j = n - 1; j >= 0; j--) {
            if (vs[j] != null) {
                reflect(q, n, j, m, 0, n, vs[j]);
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] *= sign[j];
            }
        }
        return q;
    }

    /** M[r0:r1, c0:c1] -= 2 v (v^T M[r0:r1, c0:c1]) for a row-major M with {@code ld} columns. */
    private static void reflect(double[] mat, int ld, int r0, int r1, int c0, int c1, double[] v) {
        for (int col = c0; col < c1; col++) {
            double dot = 0;
            for (int i = r0; i < r1; i++) {
                dot += v[i - r0] * mat[i * ld + col];
            }
            double s = 2 * dot;
            for (int i = r0; i < r1; i++) {
                mat[i * ld + col] -= s * v[i - r0];
            }
        }
    }

    private static double[] transpose(double[] x, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = x[i * c + j];
            }
        }
        return t;
    }
}
