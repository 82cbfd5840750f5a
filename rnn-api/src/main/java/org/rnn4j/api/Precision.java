package org.rnn4j.api;

import java.util.Locale;

/**
 * The floating-point format a network computes in, chosen when it is built (PyTorch's
 * {@code .float()} and {@code .double()}): {@link #FLOAT32}, IEEE 754 binary32, what users train
 * and serve in, twice the matrix-product rate and half the memory of {@link #FLOAT64}, IEEE 754
 * binary64, which the finite-difference gradient checks stand on.
 */
public enum Precision {

    /** IEEE 754 binary32: 24-bit significand, unit roundoff 2^-24. */
    FLOAT32("float32", "F32", Float.BYTES),

    /** IEEE 754 binary64: 53-bit significand, unit roundoff 2^-53. */
    FLOAT64("float64", "F64", Double.BYTES);

    private final String label;
    private final String dtype;
    private final int bytes;

    Precision(String label, String dtype, int bytes) {
        this.label = label;
        this.dtype = dtype;
        this.bytes = bytes;
    }

    /** @return the name users write: {@code "float32"} or {@code "float64"} */
    public String label() {
        return label;
    }

    /** @return the safetensors dtype of a tensor in this precision: {@code "F32"} or {@code "F64"} */
    public String dtype() {
        return dtype;
    }

    /** @return bytes per value: 4 or 8 */
    public int bytes() {
        return bytes;
    }

    /**
     * The unit roundoff u: rounding a real number to this format changes it by a factor
     * (1 + e) with |e| <= u (2^-24 for float32, 2^-53 for float64).
     *
     * @return u
     */
    public double unitRoundoff() {
        return this == FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /**
     * Rounds x to the nearest value of this format (ties to even), returned as a double: the
     * identity for float64.
     *
     * @param x the value
     * @return x rounded to this precision
     */
    public double round(double x) {
        return this == FLOAT32 ? (double) (float) x : x;
    }

    /**
     * Rounds every element of {@code values} to this precision in place.
     *
     * @param values the values
     */
    public void round(double[] values) {
        if (this == FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
    }

    /**
     * @return {@link #label()}
     */
    @Override
    public String toString() {
        return label;
    }

    /**
     * The precision a user named.
     *
     * @param name {@code float32} or {@code float64} (any case; {@code f32}, {@code f64},
     *     {@code float}, {@code double} are accepted too)
     * @return the precision
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Precision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "float32", "f32", "float", "fp32" -> {
                return FLOAT32;
            }
            case "float64", "f64", "double", "fp64" -> {
                return FLOAT64;
            }
            default -> throw new IllegalArgumentException("unknown precision '" + name
                    + "'; the precisions are float32 and float64");
        }
    }

    /**
     * The precision of a safetensors dtype.
     *
     * @param dtype {@code F32} or {@code F64}
     * @return the precision
     * @throws IllegalArgumentException for any other dtype
     */
    public static Precision ofDtype(String dtype) {
        if ("F32".equals(dtype)) {
            return FLOAT32;
        }
        if ("F64".equals(dtype)) {
            return FLOAT64;
        }
        throw new IllegalArgumentException("dtype '" + dtype + "' is not a precision rnn4j computes in; "
                + "the dtypes are F32 and F64");
    }
}
