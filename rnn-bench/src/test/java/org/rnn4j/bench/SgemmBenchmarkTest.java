package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sgemm peak computes C = A B through rnn-core's float32 kernels, every piece of their cut over
 * the threads in the right place: checked against the product in float64 on sizes that do and do
 * not divide among the threads (131^3 multiply-adds is past the
 * kernels' cut-off of 2^20, and 131 rows do not divide by two; 67^3 is below it).
 */
class SgemmBenchmarkTest {

    @Test
    void computesTheProductOfItsMatrices() {
        for (int n : new int[] {1, 67, 131}) {
            SgemmBenchmark bench = new SgemmBenchmark();
            bench.size = n;
            bench.setUp();
            float[] c = bench.sgemm();
            assertSame(c, bench.sgemm());
            // the benchmark's matrices, made again from its seed
            SplittableRandom r = new SplittableRandom(1);
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble(-1, 1);
                b[i] = (float) r.nextDouble(-1, 1);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int k = 0; k < n; k++) {
                        exact += (double) a[i * n + k] * b[k * n + j];
                        magnitude += Math.abs((double) a[i * n + k] * b[k * n + j]);
                    }
                    // a float32 dot product of n terms errs by at most gamma_n = n u / (1 - n u)
                    // times the sum of the terms' magnitudes (Higham, Accuracy and Stability
                    // of Numerical Algorithms, 3.1); u = 2^-24; the float64 reference is exact
                    // to far less
                    double u = Math.ulp(1.0f) / 2;
                    double bound = n * u / (1 - n * u) * magnitude + 1e-30;
                    assertEquals(exact, c[i * n + j], bound, "n " + n + ", C[" + i + "][" + j + "]");
                }
            }
        }
    }
}
