package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;

/**
 * The heap report's floor, worked by hand for W2 in both precisions and for the gated cells, and
 * a measurement that holds at least it.
 */
class HeapFootprintTest {

    @Test
    void theFloorOfW2ByHand() {
        HeapFootprint f = HeapFootprint.measure(Workload.of("W2"), Precision.FLOAT64);
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

    @Test
    void aFloat32FloorCountsFourBytesAValue() {
        HeapFootprint f = HeapFootprint.measure(Workload.of("W2"), Precision.FLOAT32);
        assertEquals(4L * (6_500 + 10_000 + 100 + 6_500 + 65), f.parameterBytes());
        assertEquals(4L * (2 * 100 + 65) * 25, f.activationBytes());
        assertTrue(f.optimizerBytes() >= f.parameterBytes(), f.describe());
        assertTrue(f.optimizerBytes() <= f.parameterBytes() + 4 * 64, f.describe());
        assertTrue(f.describe().startsWith("W2 float32 training heap"), f.describe());
        assertTrue(f.describe().contains("4-byte values"), f.describe());
    }

    @Test
    void gatedCellsSaveTheirGatesAndState() {
        // Elman: pre-activation and h; LSTM: 4 gate pre-activations, h and c; GRU: 3 gate
        // pre-activations, the recurrent term u_n the reset gate multiplies, and h
        assertEquals(2 * 2 * 256 + 65, HeapFootprint.savedPerChar(Workload.of("W3")));
        assertEquals(4 * 2 * 512 + 65, HeapFootprint.savedPerChar(Workload.of("W4")));
        assertEquals(2 * 6 * 256 + 65, HeapFootprint.savedPerChar(Workload.of("W5")));
        assertEquals(2 * 5 * 256 + 65, HeapFootprint.savedPerChar(Workload.of("W6")));
        assertThrows(IllegalArgumentException.class, () -> HeapFootprint.savedPerUnit("transformer"));
    }
}
