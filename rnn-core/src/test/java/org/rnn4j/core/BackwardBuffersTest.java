package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Sequence;

/**
 * What a recurrent layer holds for backpropagation through time (and a network's layers together), counted as the bytes its first
 * forward and backward allocate (every buffer is made then and reused after; HotSpot's per-thread
 * allocation counter, so neither heap size nor collector matters), in values per character and
 * hidden unit (T B H values of 8 bytes each). The budget per cell is what BPTT reads (the floor of
 * docs/BENCHMARKS.md: G H pre-activations and the state it outputs) plus what this implementation
 * keeps on top on purpose, and nothing else:
 *
 * <ul>
 *   <li>elman 3: a and h (the floor, 2), dL/dx (1, as I = H here). dL/da is written over a.</li>
 *   <li>lstm 12: a, h and c (the floor, 6), the activated gates i f g o (4, the y every gate
 *       activation's backward is given), p(c_t) (1, the y of the cell activation's backward),
 *       dL/dx (1). dL/da is written over a; the gradient at p(c_t) needs only a row per sequence.</li>
 *   <li>gru 9: a, h and the recurrent term u (3, where the floor counts only u_n, 1: u comes
 *       from one product over all three blocks, and the activated r and z are kept over u_r and
 *       u_z once those are added into a), the activated candidate n (1), dL/dx (1). dL/da is
 *       written over a and dL/du over u.</li>
 * </ul>
 *
 * Half a unit is allowed for everything of the order of B H or the parameters (a few percent of
 * one unit at these sizes); a T B H buffer more than the budget fails.
 */
class BackwardBuffersTest {

    private static final int T = 128;
    private static final int B = 32;
    private static final int H = 64;

    @ParameterizedTest
    @CsvSource({"elman, 3", "lstm, 12", "gru, 9"})
    void aLayerHoldsWhatBpttReadsAndNoMore(String kind, int budget) {
        run(Layers.make(kind, 3, 5, Map.of()), 4, 2, 3, 5); // loads the classes of the path
        Layer layer = Layers.make(kind, H, H, Map.of());
        SplittableRandom r = new SplittableRandom(5);
        Sequence x = Samples.randomSequence(r, T, B, H);
        Sequence dy = Samples.randomSequence(r, T, B, H);
        long bytes = allocatedDuring(() -> {
            layer.forward(x, null);
            layer.backward(dy);
        });
        double units = bytes / (8.0 * T * B * H);
        assertTrue(units <= budget + 0.5, kind + " holds " + units + " values per character and unit, budget "
                + budget);
        // a second batch of the same shape reuses them all
        long again = allocatedDuring(() -> {
            layer.forward(x, null);
            layer.backward(dy);
        });
        assertTrue(again < 8L * B * H, kind + " allocated " + again + " bytes on a batch of the same shape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void aSecondBackwardNeedsAnotherForward(String kind) {
        Layer layer = Layers.make(kind, 3, 5, Map.of());
        SplittableRandom r = new SplittableRandom(6);
        Sequence x = Samples.randomSequence(r, 4, 2, 3);
        Sequence dy = Samples.randomSequence(r, 4, 2, 5);
        layer.forward(x, null);
        double[] first = layer.backward(dy).data().clone();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.backward(dy));
        assertTrue(e.getMessage().contains("run forward again"), e.getMessage());
        layer.forward(x, null);
        assertEquals(Arrays.toString(first), Arrays.toString(layer.backward(dy).data()));
    }

    /**
     * A network's layers share their input gradients: in a stack of four elman layers of width H
     * under an output layer reading H, the five dL/dx (every layer's, as {@link Network#gradients}
     * asks for the network's too) take one T B H buffer, not five. Budget in T B H units: 4 x 2
     * (a and h of each layer) + 1 shared dL/dx, with three quarters of a unit for the output
     * layer's T B 2 arrays, the loss, the layers' B H scratch rows and the parameter-sized
     * buffers together (about 0.3 here); one more T B H buffer is a whole unit.
     */
    @Test
    void aNetworksLayersShareOneInputGradientBuffer() {
        SplittableRandom r = new SplittableRandom(8);
        Network small = stack(3);
        small.gradients(Samples.randomSequence(r, 4, 2, 3), Samples.randomSequence(r, 4, 2, 2), null);
        Network net = stack(H);
        Sequence x = Samples.randomSequence(r, T, B, H);
        Sequence target = Samples.randomSequence(r, T, B, 2);
        long bytes = allocatedDuring(() -> net.gradients(x, target, null));
        double units = bytes / (8.0 * T * B * H);
        assertTrue(units <= 4 * 2 + 1 + 0.75, "the stack holds " + units + " values per character and unit");

        // a caller driving the layers itself still gets sequences valid until the same layer's next call
        Layer top = net.recurrentLayers().get(3);
        Layer below = net.recurrentLayers().get(1);
        top.forward(x, null);
        Sequence dx = top.backward(x);
        double[] kept = dx.data().clone();
        below.forward(x, null);
        below.backward(x);
        assertEquals(Arrays.toString(kept), Arrays.toString(dx.data()));
    }

    /**
     * Dropout between two elman layers writes its dL/dx over its output (the next layer's input,
     * whose last reader has run by then). Budget in T B H units: 2 x 2 (a and h of each layer),
     * 1 shared dL/dx, the dropout's mask and output (2), with the three quarters of a unit of
     * {@link #aNetworksLayersShareOneInputGradientBuffer}.
     */
    @Test
    void dropoutWritesItsGradientOverItsOutput() {
        SplittableRandom r = new SplittableRandom(9);
        Network small = Network.builder(Layers.REGISTRY).input(3).seed(2).loss("mse").dropout(0.3)
                .recurrent("elman", 3).recurrent("elman", 3).output(2).build();
        small.gradients(Samples.randomSequence(r, 4, 2, 3), Samples.randomSequence(r, 4, 2, 2), null);
        Network net = Network.builder(Layers.REGISTRY).input(H).seed(2).loss("mse").dropout(0.3)
                .recurrent("elman", H).recurrent("elman", H).output(2).build();
        Sequence x = Samples.randomSequence(r, T, B, H);
        Sequence target = Samples.randomSequence(r, T, B, 2);
        long bytes = allocatedDuring(() -> net.gradients(x, target, null));
        double units = bytes / (8.0 * T * B * H);
        assertTrue(units <= 2 * 2 + 1 + 2 + 0.75, "the stack holds " + units + " values per character and unit");
    }

    private static Network stack(int width) {
        NetworkBuilder b = Network.builder(Layers.REGISTRY).input(width).seed(2).loss("mse");
        for (int l = 0; l < 4; l++) {
            b.recurrent("elman", width);
        }
        return b.output(2).build();
    }

    private static void run(Layer layer, int steps, int batch, int in, int out) {
        SplittableRandom r = new SplittableRandom(4);
        layer.forward(Samples.randomSequence(r, steps, batch, in), null);
        layer.backward(Samples.randomSequence(r, steps, batch, out));
    }

    static long allocatedDuring(Runnable action) {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes",
                    long.class);
            long id = Thread.currentThread().getId();
            long before = (long) allocated.invoke(threads, id);
            action.run();
            return (long) allocated.invoke(threads, id) - before;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }
}
