package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bench's text batches: symbol-coded inputs as the command line's, one-hot targets one further on. */
class CharBatchesTest {

    @Test
    void inputsAreTheStreamsSymbolsAndTargetsTheNextOnes() {
        int[] text = new int[22];
        for (int i = 0; i < text.length; i++) {
            text[i] = i % 7;
        }
        // B = 2 streams of 11 at offsets 0 and 11; T = 3.
        CharBatches batches = new CharBatches(text, 3, 2, 7);
        for (int batch = 0; batch < 4; batch++) {
            boolean epoch = batches.next();
            assertEquals(batch == 3, epoch, "batch " + batch + " starts a new epoch (9 + T + 1 > 11)");
            int position = batch == 3 ? 0 : 3 * batch;
            for (int t = 0; t < 3; t++) {
                for (int b = 0; b < 2; b++) {
                    int at = b * 11 + position + t;
                    int r = t * 2 + b;
                    assertEquals(text[at], batches.input().symbols()[r], "input, batch " + batch + ", row " + r);
                    for (int f = 0; f < 7; f++) {
                        assertEquals(f == text[at + 1] ? 1.0 : 0.0, batches.target().get(t, b, f), 0.0,
                                "target, batch " + batch + ", row " + r + ", feature " + f);
                    }
                }
            }
        }
        assertEquals(7, batches.input().features());
    }
}
