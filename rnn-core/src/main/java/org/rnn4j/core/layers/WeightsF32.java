package org.rnn4j.core.layers;

import java.util.concurrent.atomic.AtomicLong;
import org.rnn4j.api.Parameter;

/**
 * A parameter as a float32 layer's products read and write it: {@link #load()} rounds its
 * float64 values into a float array before a forward pass (exact when, as in a float32 network,
 * they are float32 values already), only when they may have changed since the last time
 * ({@link Parameter#version()}), so that repeated forwards of an unchanged network (a streaming
 * predictor's steps) convert nothing; the backward pass accumulates the gradient of one batch in a
 * float array, and {@link #flush()} adds it to the parameter's float64 gradient and clears it.
 * The float64 twin is {@link Weights}, whose methods do nothing but hand out the parameter's own
 * arrays.
 */
final class WeightsF32 {

    private final Parameter p;
    private final float[] value;
    private final float[] grad;
    /** The parameter's version the float values were converted at; none before the first load. */
    private long loaded = Long.MIN_VALUE;

    /** How many conversions all float32 layers have made: for tests that a forward makes none. */
    static final AtomicLong CONVERSIONS = new AtomicLong();

    WeightsF32(Parameter p) {
        this.p = p;
        this.value = new float[p.size()];
        this.grad = new float[p.size()];
    }

    /** @return the parameter */
    Parameter parameter() {
        return p;
    }

    /**
     * Copies the parameter's values, rounded to float, for the next forward pass, unless they
     * cannot have changed since the last copy.
     */
    void load() {
        if (p.version() == loaded) {
            return;
        }
        double[] v = p.value();
        for (int i = 0; i < value.length; i++) {
            value[i] = (float) v[i];
        }
        loaded = p.version(); // after value(), which moved it
        CONVERSIONS.incrementAndGet();
    }

    /** @return the values the products read: the parameter's as of the last {@link #load()} */
    float[] value() {
        return value;
    }

    /** @return the float gradient the products of one backward pass accumulate into, zero before it */
    float[] grad() {
        return grad;
    }

    /** Adds the accumulated float gradient to the parameter's gradient and clears it. */
    void flush() {
        double[] g = p.grad();
        for (int i = 0; i < grad.length; i++) {
            g[i] += grad[i];
            grad[i] = 0f;
        }
    }
}
