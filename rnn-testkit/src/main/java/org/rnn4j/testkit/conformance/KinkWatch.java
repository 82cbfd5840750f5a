package org.rnn4j.testkit.conformance;

import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/**
 * Keeps finite differences off kinks. Wraps every activation of a registry so that each
 * pre-activation it is applied to is measured against the activation's {@link Activation#kinks()}:
 * a case whose forward pass puts any pre-activation within {@value #MARGIN} of a kink is
 * redrawn. A step of h = 1e-6 on one weight or input moves a pre-activation by h times its
 * sensitivity, which bounded weights and inputs keep below about 10: at most 1e-5, ten times
 * less than the margin, so no difference in a checked case straddles a kink.
 *
 * <p>A pre-activation exactly at a kink is let through: in a random case that only happens by
 * structure, not by chance (an LSTM cell whose relu candidate is 0 and whose previous cell is 0
 * has c = i * 0 = 0 exactly, and keeps c = 0 under every small change of any weight), so the
 * argument sits on one flat piece for both the analytic derivative and the finite difference.
 *
 * <p>The wrappers hand every call, bulk ones included, to the wrapped activation unchanged.
 */
final class KinkWatch {

    /** How close to a kink a pre-activation may come in a checked case. */
    static final double MARGIN = 1e-4;

    /** How many draws a case may take to keep clear of kinks. */
    static final int ATTEMPTS = 200;

    private double nearest = Double.POSITIVE_INFINITY;

    /**
     * The registry with every activation wrapped by this watch.
     *
     * @param registry the plug-ins
     * @return a registry whose activations report to this watch
     */
    Registry wrap(Registry registry) {
        return Registries.mapActivations(registry, Watched::new);
    }

    /** Forgets what was seen. */
    void reset() {
        nearest = Double.POSITIVE_INFINITY;
    }

    /** @return whether every pre-activation seen since {@link #reset()} kept the margin */
    boolean clear() {
        return nearest > MARGIN;
    }

    private void see(double x, double[] kinks) {
        for (double k : kinks) {
            if (x != k) {
                nearest = Math.min(nearest, Math.abs(x - k));
            }
        }
    }

    /** An activation that reports its arguments to the watch. */
    private final class Watched implements Activation {
        private final Activation delegate;
        private final double[] kinks;

        Watched(Activation delegate) {
            this.delegate = delegate;
            this.kinks = delegate.kinks().clone();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public double apply(double x) {
            see(x, kinks);
            return delegate.apply(x);
        }

        @Override
        public double derivative(double x, double y) {
            return delegate.derivative(x, y);
        }

        @Override
        public void apply(double[] x, double[] y, int from, int to) {
            if (kinks.length > 0) {
                for (int i = from; i < to; i++) {
                    see(x[i], kinks);
                }
            }
            delegate.apply(x, y, from, to);
        }

        @Override
        public void backward(double[] x, double[] y, double[] grad, int from, int to) {
            delegate.backward(x, y, grad, from, to);
        }

        @Override
        public double[] kinks() {
            return delegate.kinks();
        }
    }
}
