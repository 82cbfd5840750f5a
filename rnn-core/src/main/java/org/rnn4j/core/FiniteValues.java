package org.rnn4j.core;

import org.rnn4j.api.Sequence;

/**
 * The check that what a {@link Network} reads holds only finite values: its input batch
 * ({@link Network#forward}) and its targets ({@link Objective#evaluate}).
 */
final class FiniteValues {

    private FiniteValues() {
    }

    /**
     * @param what what {@code s} is, for the message ("input", "target")
     * @param s the values to check
     * @throws IllegalArgumentException naming the first NaN or infinity by step, sequence and feature
     */
    static void require(String what, Sequence s) {
        int i = s.firstNonFinite();
        if (i >= 0) {
            int row = i / s.features();
            int t = row / s.batch();
            int b = row % s.batch();
            int f = i % s.features();
            throw new IllegalArgumentException("the " + what + " holds " + s.get(t, b, f) + " at step " + t
                    + ", sequence " + b + ", feature " + f + "; only finite values are allowed");
        }
    }
}
