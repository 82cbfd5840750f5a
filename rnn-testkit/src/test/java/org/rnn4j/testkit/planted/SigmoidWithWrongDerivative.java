package org.rnn4j.testkit.planted;

import org.rnn4j.api.Activation;

/** A planted bug: the logistic sigmoid whose derivative returns y instead of y (1 - y). */
final class SigmoidWithWrongDerivative implements Activation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double apply(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public double derivative(double x, double y) {
        return y; // the bug: sigmoid' = y (1 - y)
    }
}
