package org.rnn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A float-backed sequence: shared floats, a float64 copy through data(), every method on either backing. */
class FloatSequenceTest {

    private static final float[] VALUES = {0.1f, -2.5f, 3e-8f, 7f, 1f / 3, -0f};

    private static Sequence floats() {
        return Sequence.wrap(3, 1, 2, VALUES.clone(), new boolean[] {true, true, false});
    }

    @Test
    void floatsAreSharedAndDataIsAnExactWideningCopy() {
        float[] f = VALUES.clone();
        Sequence s = Sequence.wrap(3, 1, 2, f, null);
        assertTrue(s.isFloat());
        assertSame(f, s.floats());
        double[] d = s.data();
        assertNotSame(d, s.data());
        for (int i = 0; i < f.length; i++) {
            assertEquals((double) f[i], d[i], 0.0);
        }
        d[0] = 99;
        assertEquals(0.1f, s.get(0, 0, 0), 0.0, "a write to data()'s copy is not seen");
        Sequence doubles = Sequence.wrap(3, 1, 2, new double[6], null);
        assertFalse(doubles.isFloat());
        assertNull(doubles.floats());
        assertSame(doubles.data(), doubles.data());
    }

    @Test
    void getAndSetReadAndRoundIntoTheFloats() {
        Sequence s = floats();
        assertEquals((double) (1f / 3), s.get(2, 0, 0), 0.0);
        s.set(1, 0, 1, 0.1);
        assertEquals(0.1f, s.floats()[3], 0.0);
        assertEquals((double) 0.1f, s.get(1, 0, 1), 0.0);
    }

    @Test
    void copyAndWithMaskKeepTheBacking() {
        Sequence s = floats();
        Sequence c = s.copy();
        assertTrue(c.isFloat());
        assertNotSame(s.floats(), c.floats());
        assertArrayEquals(s.floats(), c.floats());
        assertArrayEquals(s.mask(), c.mask());
        assertNotSame(s.mask(), c.mask());
        Sequence m = s.withMask(null);
        assertSame(s.floats(), m.floats());
        assertNull(m.mask());
        Sequence d = Sequence.wrap(1, 1, 2, new double[] {1, 2}, null).copy();
        assertFalse(d.isFloat());
    }

    @Test
    void firstNonFiniteAndToStringReadTheFloats() {
        Sequence s = floats();
        assertEquals(-1, s.firstNonFinite());
        s.floats()[4] = Float.POSITIVE_INFINITY;
        assertEquals(4, s.firstNonFinite());
        s.floats()[1] = Float.NaN;
        assertEquals(1, s.firstNonFinite());
        assertEquals("Sequence[3 x 1 x 2, masked, float32] [0.1, NaN, 3.0E-8, 7.0, Infinity, -0.0]", s.toString());
    }

    @Test
    void wrapChecksTheFloatArrayAndMask() {
        assertEquals("a 2 x 1 x 2 sequence batch needs 4 values, got 3", assertThrows(IllegalArgumentException.class,
                () -> Sequence.wrap(2, 1, 2, new float[3], null)).getMessage());
        assertEquals("a 2 x 1 x 2 sequence batch needs 4 values, got null", assertThrows(
                IllegalArgumentException.class, () -> Sequence.wrap(2, 1, 2, (float[]) null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequence.wrap(2, 1, 2, new float[4], new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> Sequence.wrap(0, 1, 2, new float[0], null));
    }
}
