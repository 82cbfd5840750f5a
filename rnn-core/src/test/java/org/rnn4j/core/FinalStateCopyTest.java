package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Precision;
import org.rnn4j.api.State;

/**
 * {@link Layer#copyFinalState} copies without allocating, as its contract says: a training loop
 * that carries the state from batch to batch (min-char-rnn, the W2 workload, B = 1) calls it once
 * a step. The recurrent layers built a description of themselves for a possible error message on
 * every call (about 100 bytes), now only when the message is thrown.
 */
class FinalStateCopyTest {

    private static final int CALLS = 1000;

    @ParameterizedTest
    @CsvSource({"elman, FLOAT32", "elman, FLOAT64", "lstm, FLOAT32", "lstm, FLOAT64", "gru, FLOAT32", "gru, FLOAT64"})
    void copyingTheFinalStateAllocatesNothing(String kind, Precision precision) {
        Network net = Network.builder(Layers.REGISTRY).input(3).seed(2).precision(precision).loss("mse")
                .recurrent(kind, 4).output(2).build();
        SplittableRandom r = new SplittableRandom(6);
        net.gradients(Samples.randomSequence(r, 3, 1, 3), Samples.randomSequence(r, 3, 1, 2), null);
        Layer layer = net.recurrentLayers().get(0);
        State destination = layer.finalState().copy();
        for (int i = 0; i < CALLS; i++) { // loads and compiles what the calls run
            layer.copyFinalState(destination);
        }
        long bytes = Allocations.allocatedDuring(() -> {
            for (int i = 0; i < CALLS; i++) {
                layer.copyFinalState(destination);
            }
        });
        assertTrue(bytes < CALLS, kind + " " + precision + ": " + CALLS + " copies of the final state allocated "
                + bytes + " bytes");
    }
}
