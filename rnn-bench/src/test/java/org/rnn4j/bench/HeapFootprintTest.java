package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The heap report's floor, worked by hand for W2, and a measurement that holds at least it. */
class HeapFootprintTest {

    @Test
    void theFloorOfW2ByHand() {
        HeapFootprint f = HeapFootprint.measure(Workload.of("W2"));
        // parameters: W_ih 100 x 65, W_hh 100 x 100, bias 100, decoder 65 x 100 + 65
        assertEquals(8L * (6_500 + 10_000 + 100 + 6_500 + 65), f.parameterBytes());
        // activations: per character a layer's pre-activations and outputs (2 x 100) and the 65 scores
        assertEquals(8L * (2 * 100 + 65) * 25, f.activationBytes());
        // adagrad keeps one sum of squares per parameter, and its step count and learning rate
        assertTrue(f.optimizerBytes() >= f.parameterBytes(), f.describe());
        assertTrue(f.optimizerBytes() <= f.parameterBytes() + 8 * 64, f.describe());
        // everything the floor counts is alive after the steps, gradients and buffers besides
        assertTrue(f.measuredBytes() >= f.floorBytes(), f.describe());
        assertEquals((double) f.measuredBytes() / f.floorBytes(), f.ratio());
    }
}
