package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code identity}: no non-linearity, for linear output layers (regression).
 *
 * <pre>
 *   f(x) = x      f'(x) = 1
 * </pre>
 */
public final class Identity implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Identity() {
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public double apply(double x) {
        return x;
    }

    @Override
    public double derivative(double x, double y) {
        return 1.0;
    }

    /** A copy (nothing at all when {@code y} is {@code x}): the output layer's scores cost nothing. */
    @Override
    public void apply(double[] x, double[] y, int from, int to) {
        if (x != y) {
            System.arraycopy(x, from, y, from, to - from);
        }
    }

    /** dL/dx = dL/dy: the gradient stays as it is. */
    @Override
    public void backward(double[] x, double[] y, double[] grad, int from, int to) {
        // f'(x) = 1 everywhere
    }

    /** The float32 copy. */
    @Override
    public void apply(float[] x, float[] y, int from, int to) {
        if (x != y) {
            System.arraycopy(x, from, y, from, to - from);
        }
    }

    /** dL/dx = dL/dy in float32 too. */
    @Override
    public void backward(float[] x, float[] y, float[] grad, int from, int to) {
        // f'(x) = 1 everywhere
    }
}
