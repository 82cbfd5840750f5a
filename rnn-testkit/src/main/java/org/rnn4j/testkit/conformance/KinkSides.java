package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/**
 * Counts, for every kinked activation, how many of its arguments fall on each side of each
 * kink (or exactly on it), in the float64 evaluation of a case and in the float32 one, and
 * refuses the draw ({@link KinkWatch.Redraw}) when the counts differ: a float32 rounding then
 * moved an argument across a kink, where the derivative jumps, and the gradients may differ by
 * far more than rounding ({@link PrecisionChecks}).
 *
 * <p>Counts, not a sequence of arguments as in {@link KinkWatch}, so that a float32 layer may
 * apply its activations in another order than the float64 one; an argument exactly on a kink
 * by structure (an LSTM's c = i relu(a_g) is exactly 0 for every a_g &lt; 0) is exactly on it in
 * both. The wrappers hand every call to the wrapped activation unchanged, the {@code float[]}
 * bulk methods included, so a float32 network runs the plug-in's own float code.
 */
final class KinkSides {

    private final List<Watched> watched = new ArrayList<>();
    /** 0 while not counting, 1 while counting the float64 evaluation, 2 the float32 one. */
    private int counting;

    /**
     * The registry with every activation wrapped by this watch.
     *
     * @param registry the plug-ins
     * @return a registry whose activations report to this watch
     */
    Registry wrap(Registry registry) {
        return Registries.mapActivations(registry, a -> {
            Watched w = new Watched(a);
            watched.add(w);
            return w;
        });
    }

    /**
     * Runs an evaluation, counting its arguments.
     *
     * @param precision64 whether it is the float64 evaluation (else the float32 one)
     * @param evaluation the evaluation
     */
    void count(boolean precision64, Runnable evaluation) {
        counting = precision64 ? 1 : 2;
        for (Watched w : watched) {
            Arrays.fill(precision64 ? w.counts64 : w.counts32, 0);
        }
        try {
            evaluation.run();
        } finally {
            counting = 0;
        }
    }

    /**
     * @throws KinkWatch.Redraw if the two evaluations counted differently for some activation
     */
    void requireSameSides() {
        for (Watched w : watched) {
            if (!Arrays.equals(w.counts64, w.counts32)) {
                throw new KinkWatch.Redraw("the float32 evaluation put the arguments of " + w.name() + " on the sides of"
                        + " its kinks " + Arrays.toString(w.kinks) + " as " + Arrays.toString(w.counts32) + ", the float64"
                        + " one as " + Arrays.toString(w.counts64) + " (left of the first kink, on it, between, ...)");
            }
        }
    }

    /** An activation that counts its arguments. */
    private final class Watched implements Activation {
        private final Activation delegate;
        private final double[] kinks;
        private final int[] counts64;
        private final int[] counts32;

        Watched(Activation delegate) {
            this.delegate = delegate;
            this.kinks = delegate.kinks().clone();
            Arrays.sort(kinks);
            this.counts64 = new int[2 * kinks.length + 2];
            this.counts32 = new int[2 * kinks.length + 2];
        }

        private void see(double x) {
            if (counting != 0 && kinks.length > 0) {
                (counting == 1 ? counts64 : counts32)[KinkWatch.piece(x, kinks) + 1]++;
            }
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public double apply(double x) {
            see(x);
            return delegate.apply(x);
        }

        @Override
        public double derivative(double x, double y) {
            return delegate.derivative(x, y);
        }

        @Override
        public void apply(double[] x, double[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                see(x[i]);
            }
            delegate.apply(x, y, from, to);
        }

        @Override
        public void backward(double[] x, double[] y, double[] grad, int from, int to) {
            delegate.backward(x, y, grad, from, to);
        }

        @Override
        public void apply(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                see(x[i]);
            }
            delegate.apply(x, y, from, to);
        }

        @Override
        public void backward(float[] x, float[] y, float[] grad, int from, int to) {
            delegate.backward(x, y, grad, from, to);
        }

        @Override
        public double[] kinks() {
            return delegate.kinks();
        }
    }
}
