package org.rnn4j.core;

import java.util.function.DoubleSupplier;

/** Central finite differences, the reference every analytic gradient in these tests is held to. */
public final class FiniteDifferences {

    /** The step h. */
    public static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * (L(v_i + h) - L(v_i - h)) / 2h, restoring v_i afterwards.
     */
    public static double derivative(double[] values, int i, DoubleSupplier loss) {
        double keep = values[i];
        values[i] = keep + STEP;
        double plus = loss.getAsDouble();
        values[i] = keep - STEP;
        double minus = loss.getAsDouble();
        values[i] = keep;
        return (plus - minus) / (2 * STEP);
    }

    /**
     * Whether an analytic derivative agrees with a numeric one: relative error
     * |a - n| / (|a| + |n|) within {@code relative}, or both tiny (absolute error below 1e-8,
     * the floor below which the finite difference itself is noise).
     */
    public static boolean agree(double analytic, double numeric, double relative) {
        double abs = Math.abs(analytic - numeric);
        if (abs < 1e-8) {
            return true;
        }
        return abs / (Math.abs(analytic) + Math.abs(numeric)) <= relative;
    }
}
