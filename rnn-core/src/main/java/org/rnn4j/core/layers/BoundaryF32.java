package org.rnn4j.core.layers;

import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Where a float32 layer's float arrays meet the API's float64 {@link Sequence}s and
 * {@link State}s: values are rounded to float on the way in and widened (exactly) on the way
 * out. The float64 twin, {@link Boundary}, hands the same arrays through; the layer code is
 * generated from one source. The conversions cost O(T B width) per pass, against the products'
 * O(T B width H): a fraction 1/H of the work. Buffers are reused while the shapes stay the same.
 */
final class BoundaryF32 {

    private float[] input = new float[0];
    private float[] gradient = new float[0];
    private double[] output = new double[0];
    private double[] inputGradient = new double[0];

    float[] input(Sequence x) {
        input = narrow(x.data(), input);
        return input;
    }

    float[] gradient(Sequence dy) {
        gradient = narrow(dy.data(), gradient);
        return gradient;
    }

    void readGradient(Sequence dy, float[] into, int n) {
        copy(dy.data(), 0, into, 0, n);
    }

    Sequence output(Sequence cached, int steps, int batch, int features, float[] data, boolean[] mask) {
        output = widen(data, steps * batch * features, output);
        return Shapes.view(cached, steps, batch, features, output, mask);
    }

    Sequence inputGradient(Sequence cached, int steps, int batch, int features, float[] data, boolean[] mask) {
        inputGradient = widen(data, steps * batch * features, inputGradient);
        return Shapes.view(cached, steps, batch, features, inputGradient, mask);
    }

    static void copy(double[] from, int fromOff, float[] to, int toOff, int n) {
        for (int i = 0; i < n; i++) {
            to[toOff + i] = (float) from[fromOff + i];
        }
    }

    static void copy(float[] from, int fromOff, double[] to, int toOff, int n) {
        for (int i = 0; i < n; i++) {
            to[toOff + i] = from[fromOff + i];
        }
    }

    static State state(float[][] blocks, int from, int to) {
        double[][] parts = new double[blocks.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new double[to - from];
            copy(blocks[i], from, parts[i], 0, to - from);
        }
        return new State(parts);
    }

    private static float[] narrow(double[] from, float[] buffer) {
        float[] to = buffer.length == from.length ? buffer : new float[from.length];
        copy(from, 0, to, 0, from.length);
        return to;
    }

    private static double[] widen(float[] from, int n, double[] buffer) {
        double[] to = buffer.length == n ? buffer : new double[n];
        copy(from, 0, to, 0, n);
        return to;
    }
}
