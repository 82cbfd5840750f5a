package org.rnn4j.core.layers;

import org.rnn4j.api.Sequence;

/**
 * A layer's buffer of T B rows that is either float or double, as the sequences it is made from
 * (a float32 network's layers exchange float-backed sequences, a float64 one's double-backed), and
 * that copies rows in from sequences of either backing without a float64 copy of a float-backed
 * one. {@link Bidirectional} permutes and concatenates through it. A value read from a double
 * sequence into a float buffer is rounded once, which is what the float32 layer it goes to would
 * round it to; a float read into a double buffer is widened exactly.
 */
final class RowBuffer {

    private double[] doubles = new double[0];
    private float[] floats = new float[0];
    private boolean isFloat;
    private Sequence view;

    /**
     * Makes the buffer hold n values of one backing (reusing its array when it fits); the
     * values are then whatever was there before.
     *
     * @param asFloat whether the buffer is float
     * @param n how many values
     */
    void size(boolean asFloat, int n) {
        isFloat = asFloat;
        if (asFloat && floats.length != n) {
            floats = new float[n];
        } else if (!asFloat && doubles.length != n) {
            doubles = new double[n];
        }
    }

    /**
     * Copies n values of a sequence into this buffer.
     *
     * @param from the sequence, either backing
     * @param fromOff its first index
     * @param toOff the first index here
     * @param n how many
     */
    void copy(Sequence from, int fromOff, int toOff, int n) {
        float[] f = from.floats();
        if (isFloat) {
            if (f != null) {
                System.arraycopy(f, fromOff, floats, toOff, n);
            } else {
                BoundaryF32.copy(from.data(), fromOff, floats, toOff, n);
            }
        } else if (f != null) {
            BoundaryF32.copy(f, fromOff, doubles, toOff, n);
        } else {
            System.arraycopy(from.data(), fromOff, doubles, toOff, n);
        }
    }

    /**
     * Adds a sequence's values to this buffer's, element by element, the sum taken in float64 and
     * rounded once into a float buffer (for two floats that is the float sum).
     *
     * @param other the values, as many as this buffer holds, either backing
     */
    void add(Sequence other) {
        float[] f = other.floats();
        double[] d = f == null ? other.data() : null;
        if (isFloat) {
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) ((double) floats[i] + (f != null ? f[i] : d[i]));
            }
        } else {
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] += f != null ? f[i] : d[i];
            }
        }
    }

    /**
     * @param steps T
     * @param batch B
     * @param features F (T B F values are held)
     * @param mask the mask, or null
     * @return a sequence over this buffer, of its backing (the same object while nothing changed)
     */
    Sequence view(int steps, int batch, int features, boolean[] mask) {
        view = isFloat ? Shapes.view(view, steps, batch, features, floats, mask)
                : Shapes.view(view, steps, batch, features, doubles, mask);
        return view;
    }
}
