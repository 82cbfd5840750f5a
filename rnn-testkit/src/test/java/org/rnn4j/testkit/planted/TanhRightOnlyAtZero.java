package org.rnn4j.testkit.planted;

import org.rnn4j.api.Activation;

/**
 * A planted bug that is right at x = 0 only: tanh whose derivative is (1 - y^2)(1 + x^2). The
 * smallest failing argument is then +-1, not 0; a shrinker that ranked "whole" and "smaller"
 * separately went round between 1 and 0.5 until its limit.
 */
final class TanhRightOnlyAtZero implements Activation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return (1 - y * y) * (1 + x * x); // the bug: tanh' = 1 - y^2
    }
}
