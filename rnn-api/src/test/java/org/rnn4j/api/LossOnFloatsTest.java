package org.rnn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A loss's batch evaluation reads a float-backed output and refuses a float-backed gradient. */
class LossOnFloatsTest {

    /** Half the squared error. */
    private static final class HalfSquares implements Loss {
        @Override
        public String name() {
            return "half_squares";
        }

        @Override
        public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double e = y[yOff + i] - d[dOff + i];
                sum += 0.5 * e * e;
                grad[gOff + i] = e;
            }
            return sum;
        }
    }

    @Test
    void aFloatBackedOutputGivesWhatItsDoublesGive() {
        float[] y = {0.5f, -1.25f, 3f, 0.1f};
        double[] wide = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            wide[i] = y[i];
        }
        boolean[] mask = {true, false};
        Sequence target = Sequence.wrap(2, 1, 2, new double[] {1, 1, 2, 2}, null);
        Sequence g1 = Sequence.zeros(2, 1, 2);
        Sequence g2 = Sequence.zeros(2, 1, 2);
        Loss loss = new HalfSquares();
        double a = loss.evaluate(Sequence.wrap(2, 1, 2, y, mask), target, g1);
        double b = loss.evaluate(Sequence.wrap(2, 1, 2, wide, mask), target, g2);
        assertEquals(b, a, 0.0);
        assertEquals(0.5 * 0.25 + 0.5 * 2.25 * 2.25, a, 0.0);
        assertArrayEquals(g2.data(), g1.data(), 0.0);
        assertArrayEquals(new double[] {-0.5, -2.25, 0, 0}, g1.data(), 0.0);
    }

    @Test
    void aFloatBackedGradientIsRefusedNotSilentlyLost() {
        Sequence y = Sequence.wrap(1, 1, 2, new double[] {1, 2}, null);
        Sequence grad = Sequence.wrap(1, 1, 2, new float[2], null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HalfSquares().evaluate(y, y, grad));
        assertEquals("loss 'half_squares' writes dL/dy into a double-backed sequence, got a float-backed one",
                e.getMessage());
    }
}
