package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;

/**
 * A {@link StreamingPredictor} reads a chunk's values once, not once per step: a float-backed
 * chunk's {@link Sequence#data()} is a float64 copy of the whole chunk made at each call, so
 * reading it per step allocated T copies of the chunk (T^2 in the chunk's length). What a chunk
 * of T steps allocates is measured against T chunks of one step each (the same steps, so the
 * same forwards): the long chunk may add a few copies of itself, not T.
 */
class StreamingCopiesTest {

    private static final int STEPS = 400;
    private static final int FEATURES = 64;

    private static Network network() {
        return Network.builder(Registry.installed()).input(FEATURES).seed(5).loss("mse").precision(Precision.FLOAT32)
                .recurrent("gru", 6).output(3).build();
    }

    private static float[] values() {
        SplittableRandom r = new SplittableRandom(17);
        float[] x = new float[STEPS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void aLongFloatChunkIsReadOnceNotPerStep() {
        float[] x = values();
        Sequence whole = Sequence.wrap(STEPS, 1, FEATURES, x, null);
        Sequence[] steps = new Sequence[STEPS];
        for (int t = 0; t < STEPS; t++) {
            float[] one = new float[FEATURES];
            System.arraycopy(x, t * FEATURES, one, 0, FEATURES);
            steps[t] = Sequence.wrap(1, 1, FEATURES, one, null);
        }
        double[][] outputs = new double[2][];
        long chunked = 0;
        long stepped = 0;
        for (int round = 0; round < 2; round++) { // the first round also loads classes
            StreamingPredictor a = new StreamingPredictor(network(), 1);
            chunked = Allocations.allocatedDuring(() -> outputs[0] = a.next(whole).data());
            StreamingPredictor b = new StreamingPredictor(network(), 1);
            double[] y = new double[STEPS * 3];
            stepped = Allocations.allocatedDuring(() -> {
                for (int t = 0; t < STEPS; t++) {
                    System.arraycopy(b.next(steps[t]).data(), 0, y, t * 3, 3);
                }
            });
            outputs[1] = y;
        }
        assertArrayEquals(outputs[1], outputs[0], "one chunk against its steps one by one");
        long chunkBytes = 8L * STEPS * FEATURES;
        assertTrue(chunked <= stepped + 4 * chunkBytes + (1 << 20), "a chunk of " + STEPS + " steps allocated "
                + chunked + " bytes, its steps one by one " + stepped + "; a copy of the chunk is " + chunkBytes);
    }
}
