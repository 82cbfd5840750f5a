package org.rnn4j.testkit.gradient;

import java.util.Locale;

/**
 * The first element whose analytic gradient disagrees with the finite difference.
 *
 * @param what the parameter or value ({@code "layer0.weight_hh"}, {@code "input"},
 *     {@code "initial state of layer 0"})
 * @param index the element's flat index, or -1 for a scalar
 * @param position the element's place in words ({@code "[2, 0]"}, {@code "step 1, sequence 0, feature 2"})
 * @param step the first time step whose output's gradient disagrees, or -1 when not located
 * @param analytic the gradient under test
 * @param numeric the central finite difference
 * @param floor the absolute floor it exceeded
 * @param tolerance the rule it broke
 */
public record Mismatch(String what, int index, String position, int step, double analytic, double numeric,
        double floor, Tolerance tolerance) {

    /**
     * @param t the first disagreeing time step
     * @return this mismatch, located at step t
     */
    public Mismatch atStep(int t) {
        return new Mismatch(what, index, position, t, analytic, numeric, floor, tolerance);
    }

    /** @return |a - n| / (|a| + |n|) */
    public double relativeError() {
        return Tolerance.relativeError(analytic, numeric);
    }

    /** @return |a - n| */
    public double absoluteError() {
        return Math.abs(analytic - numeric);
    }

    /** @return one line: which element, both numbers, both errors, and the first time step */
    public String message() {
        return String.format(Locale.ROOT,
                "%s%s%s: analytic %.10g, finite difference %.10g (relative error %.2e > %.0e and absolute"
                        + " %.2e > floor %.1e)%s",
                what, position, index >= 0 ? " (element " + index + ")" : "", analytic, numeric, relativeError(),
                tolerance.relative(), absoluteError(), floor, step >= 0 ? "; first disagrees at time step " + step : "");
    }

    @Override
    public String toString() {
        return message();
    }
}
