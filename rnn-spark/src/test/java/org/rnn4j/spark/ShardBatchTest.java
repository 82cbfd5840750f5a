package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.StreamDataset;

/** A worker's part of a text batch travels as its rows' symbols, not as one-hot rows of values. */
class ShardBatchTest {

    @Test
    void symbolCodedInputsShipAsSymbols() {
        int v = 6;
        Batch b = StreamDataset.of(Fixtures.text(120, v, 3), v, 4, 5).epoch(null, 1).next();
        int[] rows = {3, 1};
        for (ShardBatch part : new ShardBatch[] {ShardBatch.of(0, b, rows, null),
            ShardBatch.of(0, new Batch(sub(b.input(), rows),
                Sequence.wrap(5, rows.length, v, Rows.data(b.target(), rows)), rows), rows, null, 10)}) {
            assertNull(part.x, "no one-hot values on the wire");
            Sequence in = part.input();
            for (int t = 0; t < 5; t++) {
                for (int i = 0; i < rows.length; i++) {
                    assertArrayEquals(new int[] {b.input().symbols()[t * 4 + rows[i]]},
                            new int[] {in.symbols()[t * rows.length + i]}, "step " + t + ", row " + rows[i]);
                }
            }
        }
    }

    /** The rows' columns of a symbol-coded batch, as a worker holding them would make its own batch. */
    private static Sequence sub(Sequence s, int[] rows) {
        return Sequence.oneHot(s.steps(), rows.length, s.features(), Rows.symbols(s, rows), null);
    }
}
