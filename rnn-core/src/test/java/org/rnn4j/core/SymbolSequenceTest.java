package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;

/** One-hot rows held as symbols ({@link Sequence#oneHot}): what every reader of a sequence sees. */
class SymbolSequenceTest {

    /** T = 2, B = 2, V = 3: rows (0,0)=2, (0,1)=0, (1,0)=1, (1,1)=2. */
    private static final int[] SYMBOLS = {2, 0, 1, 2};

    @Test
    void itReadsAsItsOneHotRows() {
        boolean[] mask = {true, true, true, false};
        Sequence s = Sequence.oneHot(2, 2, 3, SYMBOLS.clone(), mask);
        assertEquals("2 x 2 x 3", s.shape());
        assertEquals(4, s.rows());
        double[] rows = {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        assertArrayEquals(rows, s.data(), 0.0);
        for (int t = 0; t < 2; t++) {
            for (int b = 0; b < 2; b++) {
                for (int f = 0; f < 3; f++) {
                    assertEquals(rows[(t * 2 + b) * 3 + f], s.get(t, b, f), 0.0, t + "," + b + "," + f);
                }
            }
        }
        assertSame(mask, s.mask());
        assertFalse(s.active(3));
        assertEquals(-1, s.firstNonFinite());
        assertTrue(s.toString().contains("[2, 0, 1, 2]"), s.toString());
        assertNull(Sequence.wrap(1, 1, 1, new double[] {0}).symbols());
    }

    @Test
    void dataIsANewArrayEachCallAndSetIsRefused() {
        int[] symbols = SYMBOLS.clone();
        Sequence s = Sequence.oneHot(2, 2, 3, symbols, null);
        double[] first = s.data();
        first[0] = 7;
        assertNotSame(first, s.data());
        assertEquals(0.0, s.data()[0], 0.0, "writing into data() changes nothing");
        symbols[0] = 1;
        assertEquals(1.0, s.get(0, 0, 1), 0.0, "the symbols are kept, not copied");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> s.set(0, 0, 0, 1));
        assertTrue(e.getMessage().contains("symbols"), e.getMessage());
    }

    @Test
    void copyAndWithMaskKeepTheSymbols() {
        int[] symbols = SYMBOLS.clone();
        Sequence s = Sequence.oneHot(2, 2, 3, symbols, null);
        Sequence copy = s.copy();
        Sequence masked = s.withMask(new boolean[] {true, false, true, true});
        symbols[1] = 2;
        assertArrayEquals(SYMBOLS, copy.symbols(), "a copy shares nothing");
        assertSame(symbols, masked.symbols(), "withMask shares the symbols");
        assertFalse(masked.active(1));
        assertEquals(3, copy.features());
    }

    @Test
    void badSymbolsAndSizesGetOneLine() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> Sequence.oneHot(2, 2, 3, new int[] {0, 1, 3, 2}, null));
        assertEquals("symbol 3 at step 1, sequence 0 is outside the vocabulary [0, 3)", high.getMessage());
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                () -> Sequence.oneHot(2, 2, 3, new int[] {0, -1, 0, 2}, null));
        assertEquals("symbol -1 at step 0, sequence 1 is outside the vocabulary [0, 3)", low.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> Sequence.oneHot(2, 2, 3, new int[] {0, 1, 2}, null));
        assertEquals("a 2 x 2 sequence batch of symbols needs 4 symbols, got 3", count.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> Sequence.oneHot(2, 2, 3, SYMBOLS.clone(), new boolean[3]));
        assertFalse(mask.getMessage().contains("\n"), mask.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequence.oneHot(2, 2, 0, SYMBOLS.clone(), null));
    }
}
