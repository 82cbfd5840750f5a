package org.rnn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A float32 parameter: floats only, and the staging protocol of value() and grad() as its javadoc states it. */
class Float32ParameterTest {

    private static Parameter p() {
        Parameter p = new Parameter(Precision.FLOAT32, "w", 2, 2);
        p.set(0.1, 2, -3, 1e-3);
        return p;
    }

    @Test
    void storesFloatsRoundedAndNoDoublesUntilAskedFor() {
        Parameter p = p();
        assertEquals(Precision.FLOAT32, p.precision());
        assertArrayEquals(new float[] {0.1f, 2f, -3f, 1e-3f}, p.floats());
        assertArrayEquals(new double[] {0.1f, 2, -3, 1e-3f}, p.values());
        p.floatGrad()[1] = 5f;
        p.zeroGrad();
        assertArrayEquals(new float[4], p.floatGrad());
        assertFalse(p.staged(), "floats(), floatGrad(), values(), set() and zeroGrad() make no double array");
        assertFalse(new Parameter("d", 3).staged());
        assertEquals(Precision.FLOAT64, new Parameter("d", 3).precision());
    }

    @Test
    void aWriteIntoValueReachesTheFloatsRoundedAtTheNextAccess() {
        Parameter p = p();
        double[] v = p.value();
        assertTrue(p.staged());
        assertArrayEquals(new double[] {0.1f, 2, -3, 1e-3f}, v, "the floats widened");
        v[0] = 0.3;
        assertEquals(0.3f, p.floats()[0], "rounded back at floats()");
        assertEquals((double) 0.3f, p.value()[0], "and value() shows the rounded number");
        double[] again = p.value();
        again[1] = 0.1;
        assertSame(again, p.value(), "while live, value() hands out the same array");
        assertEquals(0.1, p.value()[1], "with the writes as they are, not yet rounded");
        again[3] = 7;
        assertEquals(7.0, p.values()[3], "values() rounds a live staging array back too");
        assertEquals(0.1f, p.floats()[1]);
        again[2] = 9; // after values(): the staging array is no longer live
        assertEquals(-3f, p.floats()[2], "a write after the next access is lost, as documented");
    }

    @Test
    void setAndZeroGradDropWhatWasWrittenIntoALiveStagingArray() {
        Parameter p = p();
        p.value()[0] = 42;
        p.set(1, 1, 1, 1);
        assertArrayEquals(new float[] {1, 1, 1, 1}, p.floats());
        double[] g = p.grad();
        g[2] = 4;
        assertEquals(4f, p.floatGrad()[2]);
        p.grad()[1] = 6;
        p.zeroGrad();
        assertArrayEquals(new float[4], p.floatGrad());
    }

    @Test
    void aRenamedViewSharesFloatsAndStaging() {
        Parameter p = p();
        Parameter view = p.renamed("w_reverse");
        view.value()[1] = -1;
        assertEquals(-1f, p.floats()[1]);
        assertSame(p.floats(), view.floats());
        p.grad()[0] = 2;
        assertEquals(2f, view.floatGrad()[0]);
    }

    @Test
    void badInputIsRefusedWithWhatIsAllowed() {
        Parameter p = p();
        String msg = assertThrows(IllegalArgumentException.class, () -> p.set(1, 1, 1e300, 1)).getMessage();
        assertTrue(msg.contains("float32's range"), msg);
        assertEquals(2f, p.floats()[1], "nothing was changed by the refused set");
        Parameter d = new Parameter("d", 2);
        d.set(1, 1e300);
        assertThrows(IllegalStateException.class, d::floats);
        assertThrows(IllegalStateException.class, d::floatGrad);
    }
}
