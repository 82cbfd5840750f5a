package org.rnn4j.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every GEMM path (the active kernels, the plain Java loops, netlib's Java BLAS) against a
 * textbook triple loop, on random shapes from 1 x 1 x 1 to sizes that reach the native BLAS,
 * all four transpose combinations, offsets, padded and tight leading dimensions, alpha and beta
 * of any sign including beta = 0 over a C full of NaN, to 1e-12 of the size of the terms.
 * Elements of C outside the view must come back untouched.
 */
class GemmProperties {

    private static final double TOLERANCE = 1e-12;
    private static final int TRIES = Integer.getInteger("rnn4j.tries", 100) * 3;

    /** One product to check. */
    private record Case(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {

        @Override
        public String toString() {
            return (transA ? "A^T" : "A") + (transB ? " B^T" : " B") + ", m=" + m + " n=" + n + " k=" + k
                    + ", alpha=" + alpha + " beta=" + beta + ", offsets " + aOff + "/" + bOff + "/" + cOff
                    + ", strides " + lda + "/" + ldb + "/" + ldc;
        }
    }

    /** The definition, nothing more: C = alpha op(A) op(B) + beta C, beta = 0 ignoring C. */
    static void reference(Case g, double[] c) {
        for (int i = 0; i < g.m; i++) {
            for (int j = 0; j < g.n; j++) {
                double s = 0;
                for (int p = 0; p < g.k; p++) {
                    double aip = g.transA ? g.a[g.aOff + p * g.lda + i] : g.a[g.aOff + i * g.lda + p];
                    double bpj = g.transB ? g.b[g.bOff + j * g.ldb + p] : g.b[g.bOff + p * g.ldb + j];
                    s += aip * bpj;
                }
                int ij = g.cOff + i * g.ldc + j;
                c[ij] = g.alpha * s + (g.beta == 0 ? 0 : g.beta * c[ij]);
            }
        }
    }

    /** The size of the terms of C[i,j], the scale of the rounding error any order of sums makes. */
    static double magnitude(Case g, int i, int j) {
        double s = 0;
        for (int p = 0; p < g.k; p++) {
            double aip = g.transA ? g.a[g.aOff + p * g.lda + i] : g.a[g.aOff + i * g.lda + p];
            double bpj = g.transB ? g.b[g.bOff + j * g.ldb + p] : g.b[g.bOff + p * g.ldb + j];
            s += Math.abs(aip * bpj);
        }
        double old = g.beta == 0 ? 0 : Math.abs(g.beta * g.c[g.cOff + i * g.ldc + j]);
        return Math.abs(g.alpha) * s + old + 1;
    }

    static Case randomCase(SplittableRandom r) {
        boolean transA = r.nextBoolean();
        boolean transB = r.nextBoolean();
        // Half small (the Java path, single rows and columns included), half large enough for
        // the native BLAS: full products, and single rows or columns (dgemv).
        int shape = r.nextInt(8);
        int m = shape < 3 ? 1 + r.nextInt(12) : shape == 6 ? 1 : 8 + r.nextInt(83);
        int n = shape < 3 ? 1 + r.nextInt(12) : shape == 7 ? 1 : 8 + r.nextInt(83);
        int k = shape < 3 ? 1 + r.nextInt(12) : shape >= 6 ? 70 + r.nextInt(60) : 8 + r.nextInt(83);
        if (shape >= 6) {
            m = shape == 6 ? 1 : 70 + r.nextInt(60);
            n = shape == 7 ? 1 : 70 + r.nextInt(60);
        }
        if (shape == 5) {
            // above ParallelKernels.SPLIT: cut into pieces
            m = 90 + r.nextInt(40);
            n = 90 + r.nextInt(40);
            k = 130 + r.nextInt(40);
        }
        double[] alphas = {1, -1, 0.5, 2.25, 0, r.nextDouble(-3, 3)};
        double[] betas = {0, 0, 1, -0.75, 2, r.nextDouble(-3, 3)};
        double alpha = alphas[r.nextInt(alphas.length)];
        double beta = betas[r.nextInt(betas.length)];
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + (r.nextBoolean() ? 0 : r.nextInt(4));
        int ldb = bCols + (r.nextBoolean() ? 0 : r.nextInt(4));
        int ldc = n + (r.nextBoolean() ? 0 : r.nextInt(4));
        int aOff = r.nextBoolean() ? 0 : r.nextInt(7);
        int bOff = r.nextBoolean() ? 0 : r.nextInt(7);
        int cOff = r.nextBoolean() ? 0 : r.nextInt(7);
        double[] a = random(r, aOff + (aRows - 1) * lda + aCols + slack(r));
        double[] b = random(r, bOff + (bRows - 1) * ldb + bCols + slack(r));
        double[] c = random(r, cOff + (m - 1) * ldc + n + slack(r));
        if (beta == 0) {
            Arrays.fill(c, Double.NaN);
        }
        return new Case(transA, transB, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** No spare room after the last row half of the time, as netlib's own check wants more. */
    private static int slack(SplittableRandom r) {
        return r.nextBoolean() ? 0 : r.nextInt(9);
    }

    private static double[] random(SplittableRandom r, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    static void check(Kernels kernels, Case g) {
        double[] expected = g.c.clone();
        reference(g, expected);
        double[] actual = g.c.clone();
        kernels.gemm(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb,
                g.beta, actual, g.cOff, g.ldc);
        boolean[] inView = new boolean[actual.length];
        for (int i = 0; i < g.m; i++) {
            for (int j = 0; j < g.n; j++) {
                int ij = g.cOff + i * g.ldc + j;
                inView[ij] = true;
                double bound = TOLERANCE * magnitude(g, i, j);
                if (!(Math.abs(actual[ij] - expected[ij]) <= bound)) {
                    fail(kernels.description() + ", " + g + ": C[" + i + "," + j + "] = " + actual[ij]
                            + ", expected " + expected[ij] + " within " + bound);
                }
            }
        }
        for (int x = 0; x < actual.length; x++) {
            if (!inView[x] && Double.doubleToRawLongBits(actual[x]) != Double.doubleToRawLongBits(g.c[x])) {
                fail(kernels.description() + ", " + g + ": element " + x + " outside C's view changed from "
                        + g.c[x] + " to " + actual[x]);
            }
        }
    }

    static List<Kernels> implementations() {
        List<Kernels> all = new ArrayList<>();
        all.add(Kernels.get());
        all.add(JavaKernels.INSTANCE);
        all.add(new BlasKernels(JavaBLAS.getInstance()));
        all.add(new ParallelKernels(new BlasKernels(BLAS.getInstance()), 3));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyPathAgreesWithTheDefinition() {
        return implementations().stream().map(kernels -> DynamicTest.dynamicTest(kernels.description(), () -> {
            SplittableRandom r = new SplittableRandom(20240801);
            IntStream.range(0, TRIES).forEach(i -> check(kernels, randomCase(r)));
        }));
    }

    @Test
    void theCasesReachEveryRouteOfTheBlasPath() {
        // dgemm, dgemv for one row and for one column, the Java paths for small and tiny
        // products, and products cut over threads: each must be taken by enough of the cases.
        SplittableRandom r = new SplittableRandom(20240801);
        int gemm = 0;
        int split = 0;
        int tiny = 0;
        int row = 0;
        int column = 0;
        int small = 0;
        for (int i = 0; i < TRIES; i++) {
            Case g = randomCase(r);
            boolean big = (long) g.m * g.n * g.k >= BlasKernels.SMALL && g.alpha != 0
                    && Views.netlibAccepts(g.a, g.aOff, g.transA ? g.k : g.m, g.lda)
                    && Views.netlibAccepts(g.b, g.bOff, g.transB ? g.n : g.k, g.ldb)
                    && Views.netlibAccepts(g.c, g.cOff, g.m, g.ldc);
            if ((long) g.m * g.n * g.k >= ParallelKernels.SPLIT) {
                split++;
            }
            if ((long) g.m * g.n * g.k <= JavaKernels.TINY) {
                tiny++;
            }
            if (!big) {
                small++;
            } else if (g.m == 1) {
                row++;
            } else if (g.n == 1) {
                column++;
            } else {
                gemm++;
            }
        }
        int least = TRIES / 30;
        assertTrue(gemm >= 3 * least && row >= least && column >= least && small >= 3 * least && split >= least
                && tiny >= least && small - tiny >= least,
                "dgemm " + gemm + ", dgemv row " + row + ", dgemv column " + column + ", Java " + small
                        + " (element by element " + tiny + "), cut into pieces " + split);
    }

    @Test
    void aCutProductIsTheSameBitForBitWhoeverComputesIt() {
        // With the crew free the pieces run on three threads; called from inside a parallel
        // slice (the crew busy) they run one after the other on the caller. Same bits.
        ParallelKernels kernels = new ParallelKernels(new BlasKernels(BLAS.getInstance()), 3);
        SplittableRandom r = new SplittableRandom(99);
        for (boolean transA : new boolean[] {false, true}) {
            int m = 120;
            int n = 110;
            int k = 130;
            double[] a = random(r, m * k);
            double[] b = random(r, k * n);
            double[] c0 = random(r, m * n);
            double[] free = c0.clone();
            double[] busy = c0.clone();
            int lda = transA ? m : k;
            kernels.gemm(transA, false, m, n, k, 1.5, a, 0, lda, b, 0, n, 0.5, free, 0, n);
            kernels.parallel(3, ParallelKernels.SPLIT, (s0, s1) -> {
                if (s0 == 0) {
                    kernels.gemm(transA, false, m, n, k, 1.5, a, 0, lda, b, 0, n, 0.5, busy, 0, n);
                }
            });
            assertArrayEquals(free, busy, "transA " + transA);
        }
    }

    @Test
    void theCheckerCatchesAWrongProduct() {
        // A kernel that forgets beta must fail the check: the property can fail.
        Kernels forgetsBeta = (ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc) ->
                JavaKernels.INSTANCE.gemm(ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, 0.0, c, co, ldc);
        SplittableRandom r = new SplittableRandom(7);
        Case g;
        do {
            g = randomCase(r);
        } while (g.beta == 0);
        Case chosen = g;
        assertThrows(AssertionError.class, () -> check(forgetsBeta, chosen));
    }

    @Test
    void aViewPastItsArrayIsRefusedBeforeNativeCodeSeesIt() {
        double[] a = new double[6];
        double[] b = new double[6];
        double[] c = new double[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Kernels.get().gemm(false, false, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
        assertTrue(e.getMessage().contains("matrix C (2 x 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                Kernels.get().gemm(false, false, 2, 2, 3, 1, a, 0, 2, b, 0, 2, 0, new double[4], 0, 2));
    }

    @Test
    void aSystemBlasIsUsedWhenOneIsInstalled() {
        // netlib falls back to Java without a word when its JNI library does not load (for
        // instance without arpack_combined_all on the path). Where Debian's libblas.so.3 exists,
        // that fallback would be a bug.
        boolean systemBlas = Stream.of("/usr/lib/x86_64-linux-gnu/libblas.so.3", "/usr/lib/aarch64-linux-gnu/libblas.so.3",
                "/usr/lib64/libblas.so.3", "/usr/lib/libblas.so.3").anyMatch(p -> Files.exists(Path.of(p)));
        assertEquals(systemBlas, Kernels.get().isNative(), Kernels.get().description());
    }
}
