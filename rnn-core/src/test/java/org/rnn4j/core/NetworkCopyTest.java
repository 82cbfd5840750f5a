package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;

/** {@link Network#copy()}: the same network, sharing nothing mutable, one per inference thread. */
class NetworkCopyTest {

    private static Network net() {
        return Network.builder(Registry.installed()).input(6)
                .recurrent("elman", 8, Map.of("activation", "tanh"))
                .recurrent("elman", 5, Map.of("activation", "sigmoid", "bias", "false"))
                .output("dense", 6, Map.of("activation", "identity"))
                .seed(21).build();
    }

    private static Sequence input(int i) {
        return NetworkGradientTest.randomSequence(new SplittableRandom(1000 + i), 3 + i % 5, 1 + i % 3, 6);
    }

    @Test
    void aCopyComputesTheSameAndSharesNoParameter() {
        Network original = net();
        Network copy = original.copy();
        assertEquals(original.architecture(), copy.architecture());
        for (int i = 0; i < original.parameters().size(); i++) {
            Parameter a = original.parameters().get(i);
            Parameter b = copy.parameters().get(i);
            assertNotSame(a.value(), b.value());
            assertArrayEquals(a.value(), b.value(), 0.0, a.name());
        }
        Sequence x = input(0);
        assertArrayEquals(original.forward(x, null).data().clone(), copy.forward(x, null).data(), 0.0);
        copy.parameters().get(0).value()[0] += 1;
        assertEquals(net().parameters().get(0).value()[0], original.parameters().get(0).value()[0], 0.0,
                "changing the copy changed the original");
    }

    @Test
    void aCopyOfANetworkWithDropoutDrawsTheMasksTheOriginalWouldDrawNext() {
        Network original = Network.builder(Registry.installed()).input(6)
                .recurrent("lstm", 5).recurrent("gru", 4).dropout(0.4).output(6).seed(3).build();
        Sequence x = input(1);
        original.forward(x, null);
        Network copy = original.copy();
        double[] fromOriginal = original.forward(x, null).data().clone();
        assertArrayEquals(fromOriginal, copy.forward(x, null).data(), 0.0);
        double[] again = original.forward(x, null).data();
        assertFalse(Arrays.equals(fromOriginal, again), "dropout draws a new mask each forward");
    }

    @Test
    void manyThreadsEachWithItsOwnCopyGiveTheSequentialResults() throws Exception {
        Network original = net();
        int inputs = 40;
        List<double[]> sequential = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            sequential.add(original.forward(input(i), null).data().clone());
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<double[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Network mine = original.copy();
                int offset = t;
                Callable<List<double[]>> job = () -> {
                    List<double[]> out = new ArrayList<>();
                    for (int k = 0; k < inputs; k++) {
                        int i = (k + offset * 5) % inputs;
                        out.add(mine.forward(input(i), null).data().clone());
                    }
                    return out;
                };
                futures.add(pool.submit(job));
            }
            for (int t = 0; t < threads; t++) {
                List<double[]> got = futures.get(t).get();
                for (int k = 0; k < inputs; k++) {
                    int i = (k + t * 5) % inputs;
                    assertArrayEquals(sequential.get(i), got.get(k), 0.0, "thread " + t + ", input " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
