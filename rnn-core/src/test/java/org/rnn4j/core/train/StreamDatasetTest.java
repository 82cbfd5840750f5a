package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;

/** char-rnn batching: B streams at offsets b * (N / B), consecutive chunks of T, one-hot. */
class StreamDatasetTest {

    /** Tokens 0 .. n-1, each its own symbol, so a one-hot row names its position. */
    private static int[] positions(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    /** The symbol of row (t, b), checking the row is one-hot. */
    private static int symbol(Sequence s, int t, int b) {
        int found = -1;
        for (int f = 0; f < s.features(); f++) {
            double v = s.get(t, b, f);
            if (v == 1) {
                assertEquals(-1, found, "one-hot row has two ones");
                found = f;
            } else {
                assertEquals(0.0, v, 0.0);
            }
        }
        return found;
    }

    @Test
    void streamsStartAtEvenOffsetsAndMoveByTStepsPerBatch() {
        // N = 22, B = 2: streams of L = 11 at offsets 0 and 11; T = 3: (11 - 1) / 3 = 3 batches.
        StreamDataset data = StreamDataset.of(positions(22), 22, 2, 3);
        assertEquals(3, data.batchesPerEpoch());
        assertTrue(data.carriesState());
        int[][][] inputs = {{{0, 1, 2}, {11, 12, 13}}, {{3, 4, 5}, {14, 15, 16}}, {{6, 7, 8}, {17, 18, 19}}};
        Iterator<Batch> it = data.epoch(null, 0);
        for (int[][] expected : inputs) {
            Batch batch = it.next();
            assertEquals(6, batch.realSteps());
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 3; t++) {
                    assertEquals(expected[b][t], symbol(batch.input(), t, b), "input t " + t + ", stream " + b);
                    assertEquals(expected[b][t] + 1, symbol(batch.target(), t, b), "target t " + t + ", stream " + b);
                }
            }
        }
        assertFalse(it.hasNext());
        assertEquals(17, symbol(data.epoch(null, 2).next().input(), 0, 1), "resuming at batch 2");
    }

    @Test
    void splitKeepsTheLastPartForValidationWithFewerStreamsIfNeeded() {
        StreamDataset data = StreamDataset.of(positions(100), 100, 4, 4);
        Dataset.Split s = data.split(0.1);
        StreamDataset train = (StreamDataset) s.train();
        StreamDataset val = (StreamDataset) s.validation();
        assertEquals(4, train.streams());
        assertEquals(2, val.streams(), "10 tokens hold two streams of T + 1 = 5");
        Batch first = val.epoch(null, 0).next();
        assertEquals(90, symbol(first.input(), 0, 0));
        assertEquals(95, symbol(first.input(), 0, 1));
        assertEquals(0, symbol(train.epoch(null, 0).next().input(), 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.split(0.02));
        assertTrue(e.getMessage().contains("the validation part"), e.getMessage());
    }

    @Test
    void badInputIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamDataset.of(new int[] {0, 1, 5, 2}, 5, 1, 1));
        assertTrue(e.getMessage().contains("token 2 is 5, outside the vocabulary [0, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamDataset.of(positions(10), 10, 2, 5));
        assertTrue(e.getMessage().contains("need at least 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamDataset.of(positions(10), 10, 0, 5));
        assertTrue(e.getMessage().contains("batch >= 1"), e.getMessage());
    }
}
