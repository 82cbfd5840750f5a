package org.rnn4j.api;

/**
 * An element-wise activation function y = f(x), found by {@link java.util.ServiceLoader} and
 * chosen by {@link #name()}.
 *
 * <p>Three methods are abstract; the bulk methods are defaults that loop over the scalar ones
 * and that an implementation may override for speed (they must give the same numbers).
 * Implementations are stateless and safe to share between threads and layers, and have a
 * public no-argument constructor.
 */
public interface Activation {

    /**
     * The name a user chooses this activation by: lower case, letters, digits and
     * underscores ({@code "sigmoid"}, {@code "leaky_relu"}); unique among installed activations.
     *
     * @return the name
     */
    String name();

    /**
     * Evaluates the function.
     *
     * @param x the pre-activation
     * @return f(x), finite for every finite x
     */
    double apply(double x);

    /**
     * The derivative f'(x). Both x and y = {@link #apply(double) apply(x)} are given, so that
     * functions whose derivative is cheapest in terms of the output (sigmoid: y (1 - y),
     * tanh: 1 - y^2) need not recompute f.
     *
     * @param x the pre-activation
     * @param y {@code apply(x)}
     * @return f'(x)
     */
    double derivative(double x, double y);

    /**
     * Applies the function to {@code x[from..to)} and writes the results to the same indices
     * of {@code y}. {@code y} may be {@code x}.
     *
     * @param x pre-activations
     * @param y destination
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    default void apply(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = apply(x[i]);
        }
    }

    /**
     * The chain rule in bulk, in place: on entry {@code grad[i]} holds dL/dy_i, on exit
     * dL/dx_i = dL/dy_i * f'(x_i), for i in {@code [from, to)}.
     *
     * @param x pre-activations of the forward pass
     * @param y outputs of the forward pass
     * @param grad dL/dy on entry, dL/dx on exit
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    default void backward(double[] x, double[] y, double[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            grad[i] *= derivative(x[i], y[i]);
        }
    }

    /**
     * {@link #apply(double[], double[], int, int)} for a float32 network: {@code y[i] = f(x[i])}
     * for i in [from, to). The default computes each element with the scalar
     * {@link #apply(double)} and rounds it to float, so an activation written only against the
     * scalar methods runs in float32 networks unchanged; an implementation may override it with
     * float arithmetic for speed, agreeing with that to a few units in the last place (the test
     * kit checks it).
     *
     * @param x pre-activations
     * @param y destination (may be the same array as x)
     * @param from first index
     * @param to one past the last index
     */
    default void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) apply((double) x[i]);
        }
    }

    /**
     * {@link #backward(double[], double[], double[], int, int)} for a float32 network:
     * {@code grad[i] *= f'(x[i])}. The default uses the scalar {@link #derivative} and rounds
     * each product to float; an override must agree with it to a few units in the last place.
     *
     * @param x pre-activations
     * @param y {@code f(x)} as {@link #apply(float[], float[], int, int)} gave it
     * @param grad dL/dy on entry, dL/dx on exit
     * @param from first index
     * @param to one past the last index
     */
    default void backward(float[] x, float[] y, float[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            grad[i] = (float) (grad[i] * derivative(x[i], y[i]));
        }
    }

    /**
     * The points where f is not differentiable (relu: 0). Gradient checks keep their
     * finite-difference steps away from them. Smooth functions return an empty array.
     *
     * @return the kinks, possibly empty; never null
     */
    default double[] kinks() {
        return new double[0];
    }
}
