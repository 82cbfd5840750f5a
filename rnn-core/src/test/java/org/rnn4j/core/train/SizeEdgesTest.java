package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * Sizes near 2^31 and their products: every one is an IllegalArgumentException that names the
 * sizes, never int arithmetic that wraps (a division by zero, a negative array size, an epoch of
 * no batches).
 */
class SizeEdgesTest {

    @Test
    void theLongestSeqLengthIsTooLongForAnyTextInsteadOfWrapping() {
        int[] tokens = Toy.twoSuccessorText(20_000, 12, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamDataset.of(tokens, 12, 32, Integer.MAX_VALUE));
        assertEquals("the text has 20000 tokens; 32 streams of seq length 2147483647 need at least 68719476736 "
                + "(each stream needs T + 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StreamDataset.of(tokens, 12, 1, Integer.MAX_VALUE));
    }

    @Test
    void aBatchOfMoreValuesThanAnArrayHoldsIsRefusedWhenTheDatasetIsMade() {
        int v = 1_112_064; // every Unicode scalar value: a valid text can have them all
        int[] tokens = new int[32 * 65];
        Arrays.setAll(tokens, i -> (int) ((long) i * 7919 % v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamDataset.of(tokens, v, 32, 64));
        assertTrue(e.getMessage().endsWith("needs 64 x 32 x 1112064 = 2,277,507,072 values, more than one Java array "
                + "holds (2,147,483,639); use smaller sizes"), e.getMessage());
    }

    @Test
    void theLargestBatchOfSequencesIsOneBatchOfThemAll() {
        SequenceDataset d = Toy.echo(10, 3, 1, Integer.MAX_VALUE);
        assertEquals(1, d.batchesPerEpoch());
        assertEquals(10, d.epoch(null, 0).next().input().batch());
        assertEquals(2, Toy.echo(10, 3, 1, 9).batchesPerEpoch());
        assertEquals(1, Toy.echo(10, 3, 1, 10).batchesPerEpoch());
    }

    @Test
    void aLayerWhoseBuffersWouldPassTwoToThe31ValuesSaysSoBeforeAllocating() {
        // T*B = 2^23 rows of one input each (64 MB) fit; an LSTM of 64 needs 2^23 x 256 = 2^31 gate values per buffer.
        Network net = Network.builder(Registry.installed()).input(1).recurrent("lstm", 64).output(1).loss("mse")
                .build();
        Sequence x = Sequence.zeros(1 << 23, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(x, null));
        assertEquals("the lstm layer's gate values for T x B x G*H needs 8388608 x 1 x 256 = 2,147,483,648 values, "
                + "more than one Java array holds (2,147,483,639); use smaller sizes", e.getMessage());
        List<State> small = net.zeroStates(2);
        assertEquals(2 * 64, small.get(0).part(0).length);
        assertThrows(IllegalArgumentException.class, () -> State.zeros(Integer.MAX_VALUE, 64));
    }
}
