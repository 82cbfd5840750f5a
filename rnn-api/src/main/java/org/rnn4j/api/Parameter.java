package org.rnn4j.api;

import java.util.Arrays;

/**
 * A named, trainable tensor: its shape, its values and the gradient accumulated for it.
 *
 * <p>Values and gradient are row-major arrays of {@link #size()} doubles, owned by the layer
 * that made the parameter and updated in place by optimizers. Per the package's gradient
 * convention, {@code backward} passes add dL/d(value) into {@link #grad()}.
 *
 * <p>{@link #version()} tells a layer that keeps a converted copy of the values (a float32
 * layer's float array) whether it must convert again: it changes whenever the values may have
 * changed, that is on {@link #set} and every time {@link #value()} hands out the array (the one
 * way to write into it). Code that writes into the array must therefore get it from
 * {@link #value()} for that write, not keep it from an earlier call across a forward pass.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final double[] value;
    private final double[] grad;
    /** The change count, one cell shared with every {@link #renamed} view of the same values. */
    private final long[] version;

    /**
     * A parameter of zeros.
     *
     * @param name its name within its layer ({@code "weight_ih"}); letters, digits, '_' and '.'
     * @param shape its dimensions, each at least 1
     */
    public Parameter(String name, int... shape) {
        checkName(name);
        long size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("parameter '" + name + "' needs every dimension >= 1, got "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("parameter '" + name + "' of shape " + Arrays.toString(shape)
                    + " has more than 2^31 elements");
        }
        this.name = name;
        this.shape = shape.clone();
        this.value = new double[(int) size];
        this.grad = new double[(int) size];
        this.version = new long[1];
    }

    private Parameter(String name, Parameter of) {
        checkName(name);
        this.name = name;
        this.shape = of.shape;
        this.value = of.value;
        this.grad = of.grad;
        this.version = of.version;
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("a parameter name is letters, digits, '_' and '.', got '" + name + "'");
        }
    }

    /**
     * The same tensor under another name: the result shares this parameter's values and
     * gradient (an update through either is seen by both). A wrapping layer uses it to name the
     * parameters of the layers it wraps ({@code weight_ih} becomes {@code weight_ih_reverse}).
     *
     * @param newName letters, digits, '_' and '.'
     * @return a view of this parameter
     */
    public Parameter renamed(String newName) {
        return new Parameter(newName, this);
    }

    /** @return the name within its layer */
    public String name() {
        return name;
    }

    /** @return a copy of the dimensions */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public int size() {
        return value.length;
    }

    /**
     * The values themselves, shared: optimizers, loaders and users write into them in place.
     * Handing them out counts as a change ({@link #version()} moves on), since the caller may
     * write; a write must use the array of a call made for it, not one kept from before a
     * forward pass.
     *
     * @return the values, shared
     */
    public double[] value() {
        version[0]++;
        return value;
    }

    /**
     * A number that is different after anything may have changed the values ({@link #value()},
     * {@link #set}, through this parameter or a {@link #renamed} view of it) and the same
     * otherwise: a layer that converts the values (float32) converts again only when it moved.
     *
     * @return the change count
     */
    public long version() {
        return version[0];
    }

    /** @return the accumulated gradient dL/d(value), shared */
    public double[] grad() {
        return grad;
    }

    /** Sets the accumulated gradient to zero. */
    public void zeroGrad() {
        Arrays.fill(grad, 0.0);
    }

    /**
     * Copies values in, checking the count.
     *
     * @param values exactly {@link #size()} numbers, all finite
     * @throws IllegalArgumentException on a wrong count or a non-finite value
     */
    public void set(double... values) {
        if (values.length != value.length) {
            throw new IllegalArgumentException("parameter '" + name + "' of shape " + Arrays.toString(shape)
                    + " takes " + value.length + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter '" + name + "' value " + i + " is " + values[i]
                        + "; only finite values are allowed");
            }
        }
        System.arraycopy(values, 0, value, 0, values.length);
        version[0]++;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
