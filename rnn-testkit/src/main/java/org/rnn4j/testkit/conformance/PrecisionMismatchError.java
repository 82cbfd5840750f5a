package org.rnn4j.testkit.conformance;

import java.util.Locale;

/**
 * A failed float32-against-float64 comparison ({@link PrecisionChecks}): the first element
 * whose two values differ by more than the bound derived for it.
 */
public final class PrecisionMismatchError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final double float32;
    private final double float64;
    private final double allowed;

    /**
     * @param what the quantity ({@code "the gradient of layer0.weight_hh"})
     * @param position the element ({@code "[2, 1]"}, {@code " at step 3, sequence 0, feature 1"}), may be empty
     * @param float32 the float32 network's value
     * @param float64 the float64 network's value
     * @param chain K, the roundings the bound allows
     * @param scale S, the scale the bound is relative to
     * @param allowed K u S
     */
    public PrecisionMismatchError(String what, String position, double float32, double float64, long chain,
            double scale, double allowed) {
        super(String.format(Locale.ROOT, "float32 and float64 disagree on %s%s: float32 gave %s, float64 %s;"
                + " they differ by %.3e, more than the %.3e allowed (K u S with K = %d roundings, u = 2^-24,"
                + " S = %.3e)", what, position, float32, float64, Math.abs(float32 - float64), allowed, chain, scale,
                allowed));
        this.float32 = float32;
        this.float64 = float64;
        this.allowed = allowed;
    }

    /** @return the float32 network's value */
    public double float32() {
        return float32;
    }

    /** @return the float64 network's value */
    public double float64() {
        return float64;
    }

    /** @return the largest difference the bound allowed */
    public double allowed() {
        return allowed;
    }
}
