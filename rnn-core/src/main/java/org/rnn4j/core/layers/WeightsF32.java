package org.rnn4j.core.layers;

import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * A parameter as a float32 layer's products read and write it: the float32 parameter's own
 * float arrays ({@link Parameter#floats()}, {@link Parameter#floatGrad()}), with no copy to
 * convert or flush, so a float32 network holds its weights once, as floats. {@link #load()}
 * fetches them before a forward pass (which rounds back anything written into a live
 * {@link Parameter#value()} staging array, the protocol {@link Parameter} describes); the
 * backward pass accumulates into the parameter's float gradient directly. The float64 twin is
 * {@link Weights}.
 */
final class WeightsF32 {

    private final Parameter p;
    private float[] value;

    WeightsF32(Parameter p) {
        if (p.precision() != Precision.FLOAT32) {
            throw new IllegalArgumentException("a float32 layer's parameter '" + p.name() + "' must be float32, got "
                    + p.precision());
        }
        this.p = p;
        this.value = p.floats();
    }

    /**
     * A parameter of this layer precision, what every built-in float32 layer makes.
     *
     * @param name its name
     * @param shape its dimensions
     * @return a float32 parameter of zeros
     */
    static Parameter parameter(String name, int... shape) {
        return new Parameter(Precision.FLOAT32, name, shape);
    }

    /** @return the parameter */
    Parameter parameter() {
        return p;
    }

    /** Before a forward pass: takes in what was written through a staging array since the last one. */
    void load() {
        value = p.floats();
    }

    /** @return the values the products read: the parameter's floats */
    float[] value() {
        return value;
    }

    /** @return the parameter's float gradient, which the products of a backward pass accumulate into */
    float[] grad() {
        return p.floatGrad();
    }
}
