package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Backend}: the product the dgemm benchmark times, and what it reports. */
class BackendTest {

    @Test
    void multiplyIsTheMatrixProduct() {
        // 130 x 120 x 110 is large enough to be cut over the threads.
        int m = 130;
        int n = 120;
        int k = 110;
        SplittableRandom r = new SplittableRandom(2);
        double[] a = r.doubles((long) m * k, -1, 1).toArray();
        double[] b = r.doubles((long) k * n, -1, 1).toArray();
        double[] c = new double[m * n];
        Backend.multiply(m, n, k, a, b, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-12 * k, "C[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void tooShortArraysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Backend.multiply(2, 2, 2, new double[4], new double[3],
                new double[4]));
    }

    @Test
    void describesItself() {
        assertTrue(Backend.threads() >= 1);
        assertTrue(Backend.description().contains("thread"), Backend.description());
        assertEquals(Backend.isNative(), Backend.description().startsWith("native BLAS"), Backend.description());
    }
}
