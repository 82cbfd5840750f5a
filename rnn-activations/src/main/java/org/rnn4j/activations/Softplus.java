package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code softplus}: a smooth rectifier (C. Dugas, Y. Bengio, F. B&eacute;lisle, C. Nadeau and
 * R. Garcia, "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
 * NIPS 2000); torch.nn.Softplus with beta = 1 and no linear threshold.
 *
 * <pre>
 *   f(x)  = ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|)
 *   f'(x) = 1 / (1 + e^-x) = sigmoid(x)
 * </pre>
 *
 * <p>The right-hand forms are the ones evaluated: e^-|x| never overflows and
 * {@link Math#log1p} keeps the tiny tail (f(-40) is 4.25e-18, not 0).
 */
public final class Softplus implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Softplus() {
    }

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public double apply(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public double derivative(double x, double y) {
        return Sigmoid.sigmoid(x);
    }
}
