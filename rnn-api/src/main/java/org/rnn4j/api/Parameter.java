package org.rnn4j.api;

import java.util.Arrays;

/**
 * A named, trainable tensor: its shape, its values and the gradient accumulated for it, stored
 * in its {@link #precision()}.
 *
 * <p>Values and gradient are row-major arrays of {@link #size()} numbers, owned by the layer
 * that made the parameter and updated in place by optimizers. Per the package's gradient
 * convention, {@code backward} passes add dL/d(value) into the gradient.
 *
 * <p><b>Float64 parameters</b> ({@link #Parameter(String, int...)}, what plug-in layers make)
 * hold {@code double[]} values and gradient, which {@link #value()} and {@link #grad()} hand out
 * themselves.
 *
 * <p><b>Float32 parameters</b> ({@link #Parameter(Precision, String, int...)} with
 * {@link Precision#FLOAT32}, what the built-in layers of a float32 network make) hold
 * {@code float[]} values and gradient only, which {@link #floats()} and {@link #floatGrad()}
 * hand out; everything built in reads and writes those. For code written against
 * {@code double[]} (plug-in optimizers, user code) {@link #value()} and {@link #grad()} still
 * work, through a <em>staging array</em> per side, made on the first such call and kept from
 * then on ({@link #staged()} tells whether one was made). The protocol, per side (values with
 * {@link #value()}, {@link #floats()}, {@link #values()}, {@link #set}; gradient with
 * {@link #grad()}, {@link #floatGrad()}, {@link #zeroGrad()}):
 * <ol>
 *   <li>{@code value()} ({@code grad()}) widens the floats into the staging array, exactly, and
 *       hands it out; the array is <em>live</em> from then on. While it is live, further
 *       {@code value()} ({@code grad()}) calls hand out the same array as it is, writes
 *       included and not yet rounded, in O(1): a plug-in may call it once per element;</li>
 *   <li>the first call of any other accessor of the same side ({@link #floats()},
 *       {@link #values()}; {@link #floatGrad()}), through this parameter or a {@link #renamed}
 *       view, first rounds the live staging array back into the floats (to nearest; every
 *       element, which is exact for the ones not written) and ends its liveness;
 *       {@link #set} and {@link #zeroGrad()} instead drop what was written into it, as they
 *       replace every value anyway;</li>
 *   <li>so a write into a staging array is seen if it happens before that call, and lost if
 *       it happens after it: write into the array of a call made for that write, as with
 *       float64 parameters, and do not keep it across a forward pass (every built-in layer,
 *       optimizer, clip and writer reads through the float accessors).</li>
 * </ol>
 * A float32 value written through {@code value()} is therefore stored rounded to float, as
 * {@link #set} rounds.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final Storage s;

    /** The arrays and counters, one instance shared with every {@link #renamed} view. */
    private static final class Storage {
        final Precision precision;
        final int size;
        final double[] value;
        final double[] grad;
        final float[] floatValue;
        final float[] floatGrad;
        double[] stagedValue;
        double[] stagedGrad;
        boolean valueLive;
        boolean gradLive;

        Storage(Precision precision, int size) {
            this.precision = precision;
            this.size = size;
            boolean f = precision == Precision.FLOAT32;
            this.value = f ? null : new double[size];
            this.grad = f ? null : new double[size];
            this.floatValue = f ? new float[size] : null;
            this.floatGrad = f ? new float[size] : null;
        }
    }

    /**
     * A float64 parameter of zeros.
     *
     * @param name its name within its layer ({@code "weight_ih"}); letters, digits, '_' and '.'
     * @param shape its dimensions, each at least 1
     */
    public Parameter(String name, int... shape) {
        this(Precision.FLOAT64, name, shape);
    }

    /**
     * A parameter of zeros stored in the given precision.
     *
     * @param precision {@link Precision#FLOAT32}: float arrays only; {@link Precision#FLOAT64}: as
     *     {@link #Parameter(String, int...)}
     * @param name its name within its layer ({@code "weight_ih"}); letters, digits, '_' and '.'
     * @param shape its dimensions, each at least 1
     */
    public Parameter(Precision precision, String name, int... shape) {
        checkName(name);
        if (precision == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a precision, float32 or float64");
        }
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
        this.s = new Storage(precision, (int) size);
    }

    private Parameter(String name, Parameter of) {
        checkName(name);
        this.name = name;
        this.shape = of.shape;
        this.s = of.s;
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
        return s.size;
    }

    /** @return the precision the values and gradient are stored in */
    public Precision precision() {
        return s.precision;
    }

    /**
     * The values as {@code double}s, shared: optimizers, loaders and users write into them in
     * place; a write must use the array of a call made for it, not one kept from before a
     * forward pass. For a float32 parameter this is the staging array of the class
     * description's protocol, holding the floats widened.
     *
     * @return the values, shared
     */
    public double[] value() {
        if (s.value != null) {
            return s.value;
        }
        if (!s.valueLive) {
            if (s.stagedValue == null) {
                s.stagedValue = new double[s.size];
            }
            widen(s.floatValue, s.stagedValue);
            s.valueLive = true;
        }
        return s.stagedValue;
    }

    /**
     * The accumulated gradient dL/d(value) as {@code double}s, shared. For a float32 parameter
     * this is the staging array of the class description's protocol, holding the float gradient
     * widened.
     *
     * @return the gradient, shared
     */
    public double[] grad() {
        if (s.grad != null) {
            return s.grad;
        }
        if (!s.gradLive) {
            if (s.stagedGrad == null) {
                s.stagedGrad = new double[s.size];
            }
            widen(s.floatGrad, s.stagedGrad);
            s.gradLive = true;
        }
        return s.stagedGrad;
    }

    /**
     * The values of a float32 parameter, shared, for reading and writing in place (after a live
     * staging array is rounded back into them).
     *
     * @return the values, shared
     * @throws IllegalStateException for a float64 parameter
     */
    public float[] floats() {
        requireFloat();
        syncValue();
        return s.floatValue;
    }

    /**
     * The gradient of a float32 parameter, shared: the built-in float32 layers accumulate into
     * it, optimizers and clipping read and write it in place (after a live staging array is
     * rounded back into it).
     *
     * @return the gradient, shared
     * @throws IllegalStateException for a float64 parameter
     */
    public float[] floatGrad() {
        requireFloat();
        syncGrad();
        return s.floatGrad;
    }

    /**
     * A copy of the values as {@code double}s (exact in either precision), sharing nothing
     * with this parameter.
     *
     * @return a new array of {@link #size()} values
     */
    public double[] values() {
        if (s.value != null) {
            return s.value.clone();
        }
        syncValue();
        double[] v = new double[s.size];
        widen(s.floatValue, v);
        return v;
    }

    /**
     * Whether {@link #value()} or {@link #grad()} of this float32 parameter (or a view of it)
     * ever made a staging array, that is whether it holds any {@code double} array: never for a
     * float64 parameter (whose arrays are its own), and never in a float32 network that only
     * built-in code touched.
     *
     * @return whether a staging array exists
     */
    public boolean staged() {
        return s.stagedValue != null || s.stagedGrad != null;
    }

    /** Sets the accumulated gradient to zero (dropping what was written into a live staging array). */
    public void zeroGrad() {
        if (s.grad != null) {
            Arrays.fill(s.grad, 0.0);
        } else {
            s.gradLive = false;
            Arrays.fill(s.floatGrad, 0f);
        }
    }

    /**
     * Copies values in, checking the count; a float32 parameter stores them rounded to float
     * (to nearest).
     *
     * @param values exactly {@link #size()} numbers, all finite (and within float32's range
     *     for a float32 parameter)
     * @throws IllegalArgumentException on a wrong count or a non-finite value
     */
    public void set(double... values) {
        if (values.length != s.size) {
            throw new IllegalArgumentException("parameter '" + name + "' of shape " + Arrays.toString(shape)
                    + " takes " + s.size + " values, got " + values.length);
        }
        boolean f = s.value == null;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter '" + name + "' value " + i + " is " + values[i]
                        + "; only finite values are allowed");
            }
            if (f && !Float.isFinite((float) values[i])) {
                throw new IllegalArgumentException("parameter '" + name + "' value " + i + " is " + values[i]
                        + ", beyond float32's range (+-" + Float.MAX_VALUE + ")");
            }
        }
        if (f) {
            s.valueLive = false;
            for (int i = 0; i < values.length; i++) {
                s.floatValue[i] = (float) values[i];
            }
        } else {
            System.arraycopy(values, 0, s.value, 0, values.length);
        }
    }

    /** Rounds a live staging array of values back into the floats. */
    private void syncValue() {
        if (s.valueLive) {
            narrow(s.stagedValue, s.floatValue);
            s.valueLive = false;
        }
    }

    /** Rounds a live staging array of gradients back into the floats. */
    private void syncGrad() {
        if (s.gradLive) {
            narrow(s.stagedGrad, s.floatGrad);
            s.gradLive = false;
        }
    }

    private void requireFloat() {
        if (s.floatValue == null) {
            throw new IllegalStateException("parameter '" + name + "' is " + s.precision.label()
                    + "; floats() and floatGrad() are for float32 parameters (use value() and grad())");
        }
    }

    private static void widen(float[] from, double[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = from[i];
        }
    }

    private static void narrow(double[] from, float[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = (float) from[i];
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
