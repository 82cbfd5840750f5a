package org.rnn4j.core.layers;

import org.rnn4j.api.Parameter;

/**
 * A parameter as a float64 layer's products read and write it: its own value and gradient
 * arrays, with nothing to load. Its float32 twin, {@link WeightsF32}, hands out a float32
 * parameter's float arrays the same way; the layer code calls {@link #parameter(String, int...)},
 * {@link #load()}, {@link #value()} and {@link #grad()} in either precision and is generated from one source
 * (rnn-core/src/build).
 */
final class Weights {

    private final Parameter p;

    Weights(Parameter p) {
        this.p = p;
    }

    /**
     * A parameter of this layer precision, what every built-in float64 layer makes.
     *
     * @param name its name
     * @param shape its dimensions
     * @return a float64 parameter of zeros
     */
    static Parameter parameter(String name, int... shape) {
        return new Parameter(name, shape);
    }

    /** @return the parameter */
    Parameter parameter() {
        return p;
    }

    /** Before a forward pass: nothing to do in float64. */
    void load() {
        // the products read the parameter's own array
    }

    /** @return the values the products read */
    double[] value() {
        return p.value();
    }

    /** @return the array the gradient products accumulate into */
    double[] grad() {
        return p.grad();
    }
}
