package org.rnn4j.core;

import org.rnn4j.api.Sequence;

/**
 * Inverted dropout (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting", JMLR 15, 2014) on the output of one recurrent layer of a stack, where
 * PyTorch's {@code nn.LSTM(dropout=p)} puts it: between stacked layers, never after the last.
 *
 * <pre>
 *   forward (training)                     backward
 *   m_i = 1/(1-p) with probability 1-p,    dx = dy (*) m
 *         0 otherwise
 *   y = x (*) m
 * </pre>
 *
 * Each element of each step gets its own draw. In evaluation, y = x. The masks are
 * reproducible: draw number n (counted from 0 per instance) comes from a SplitMix64 stream
 * (Steele, Lea and Flood, OOPSLA 2014) seeded by a hash of (seed, n), so the whole state is the
 * seed and {@link #draws()}. While {@link #hold(boolean) held}, forwards reuse the last mask,
 * which is what a finite-difference check needs.
 */
final class Dropout {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final double p;
    private final long seed;
    private long draws;
    private boolean held;
    private boolean applied;
    private double[] mask = new double[0];
    private double[] out = new double[0];
    private double[] dx = new double[0];
    private Sequence lastIn;

    /**
     * @param p the probability of zeroing an element, in [0, 1)
     * @param seed the seed of the masks
     */
    Dropout(double p, long seed) {
        this.p = p;
        this.seed = seed;
    }

    /** @return the masks drawn so far (the generator's state, with the seed) */
    long draws() {
        return draws;
    }

    /** @param n the number of masks drawn so far, as {@link #draws()} gave it; the next draw is n + 1 */
    void restoreDraws(long n) {
        this.draws = n;
    }

    /** @param hold whether forwards reuse the last mask instead of drawing a new one */
    void hold(boolean hold) {
        this.held = hold;
    }

    Sequence forward(Sequence x, boolean training) {
        lastIn = x;
        applied = training && p > 0;
        if (!applied) {
            return x;
        }
        int n = x.data().length;
        if (out.length != n) {
            if (held && mask.length > 0) {
                throw new IllegalStateException("the dropout masks are held for batches of " + mask.length
                        + " values, got a batch of shape " + x.shape() + "; release them before changing shape");
            }
            mask = new double[n];
            out = new double[n];
            dx = new double[n];
            draw();
        } else if (!held) {
            draw();
        }
        double[] v = x.data();
        for (int i = 0; i < n; i++) {
            out[i] = v[i] * mask[i];
        }
        return Sequence.wrap(x.steps(), x.batch(), x.features(), out, x.mask());
    }

    Sequence backward(Sequence dy) {
        if (!applied) {
            return dy;
        }
        double[] g = dy.data();
        for (int i = 0; i < g.length; i++) {
            dx[i] = g[i] * mask[i];
        }
        return Sequence.wrap(lastIn.steps(), lastIn.batch(), lastIn.features(), dx, lastIn.mask());
    }

    private void draw() {
        double keep = 1.0 / (1.0 - p);
        long state = mix(seed + GOLDEN * ++draws);
        for (int i = 0; i < mask.length; i++) {
            state += GOLDEN;
            double u = (mix(state) >>> 11) * 0x1.0p-53;
            mask[i] = u < p ? 0.0 : keep;
        }
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
