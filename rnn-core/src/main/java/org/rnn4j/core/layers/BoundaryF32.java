package org.rnn4j.core.layers;

import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Where a float32 layer's float arrays meet the API's {@link Sequence}s and {@link State}s. A
 * float32 network's layers hand each other float-backed sequences ({@link Sequence#floats()}),
 * so a layer reads its input and its output gradient as the arrays they are and returns its own
 * output and input gradient as float-backed views of its arrays: nothing is copied between
 * float32 layers, and no layer keeps a float64 copy of what it exchanges. Only a double-backed
 * sequence (the network's input batch, the loss's dL/dy, the output of a float64 or plug-in
 * layer) is rounded to float on the way in, into a buffer reused while the shape stays the same;
 * that costs O(T B width) per pass, against the products' O(T B width H). The float64 twin,
 * {@link Boundary}, hands double arrays through the same way; the layer code is generated from
 * one source.
 *
 * <p>What the last float32 layer returns is float-backed too; the loss, which computes in float64,
 * gets it through the network's objective, which widens it into a double buffer of its own that
 * is reused from step to step (no allocation per step, and the same T B V doubles the output
 * layer kept before). Plug-in layers and user code read any float-backed output through
 * {@link Sequence#data()}, a float64 copy.
 */
final class BoundaryF32 {

    private float[] input = new float[0];
    private float[] gradient = new float[0];

    /**
     * @param x a layer's input
     * @return its floats, shared when x is float-backed, else rounded into a reused buffer
     */
    float[] input(Sequence x) {
        if (x.isFloat()) {
            return x.floats();
        }
        input = narrow(x.data(), input);
        return input;
    }

    /**
     * @param dy dL/d(output)
     * @return its floats, shared when dy is float-backed, else rounded into a reused buffer
     */
    float[] gradient(Sequence dy) {
        if (dy.isFloat()) {
            return dy.floats();
        }
        gradient = narrow(dy.data(), gradient);
        return gradient;
    }

    void readGradient(Sequence dy, float[] into, int n) {
        if (dy.isFloat()) {
            System.arraycopy(dy.floats(), 0, into, 0, n);
        } else {
            copy(dy.data(), 0, into, 0, n);
        }
    }

    Sequence output(Sequence cached, int steps, int batch, int features, float[] data, boolean[] mask) {
        return Shapes.view(cached, steps, batch, features, data, mask);
    }

    float[] sharedInputGradient(InputGradients.Slot slot, int n) {
        return slot != null && slot.lent() ? slot.floats(n) : null;
    }

    Sequence inputGradient(Sequence cached, int steps, int batch, int features, float[] data, boolean[] mask) {
        return Shapes.view(cached, steps, batch, features, data, mask);
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
}
