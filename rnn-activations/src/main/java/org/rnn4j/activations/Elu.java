package org.rnn4j.activations;

import org.rnn4j.api.Activation;

/**
 * {@code elu}: the exponential linear unit with alpha = 1 (D.-A. Clevert, T. Unterthiner and
 * S. Hochreiter, "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
 * arXiv:1511.07289, 2015).
 *
 * <pre>
 *   f(x)  = x for x &gt; 0, e^x - 1 for x &lt;= 0
 *   f'(x) = 1 for x &gt; 0, e^x = f(x) + 1 for x &lt;= 0
 * </pre>
 *
 * <p>e^x - 1 is computed with {@link Math#expm1} and the derivative as e^x rather than y + 1,
 * which would cancel to 0 for x &lt; -37. With alpha = 1 the derivative is continuous at 0 but
 * the second derivative jumps, so 0 is declared a kink to keep gradient checks off it.
 */
public final class Elu implements Activation {

    /** For {@link java.util.ServiceLoader}. */
    public Elu() {
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : Math.expm1(x);
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1.0 : Math.exp(x);
    }

    @Override
    public double[] kinks() {
        return new double[] {0.0};
    }
}
