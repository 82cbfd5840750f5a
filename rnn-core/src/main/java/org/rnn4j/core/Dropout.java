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
 * Each element of each step gets its own draw, and the draw is a pure function of where the
 * element is (a counter-based generator, as Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011, build them; here from SplitMix64's mixing function, Steele, Lea and Flood,
 * OOPSLA 2014):
 *
 * <pre>
 *   u(seed, step, t, r, f) = mix(mix(mix(mix(seed + G (step + 1)) + C_T (t + 1)) + C_R (r + 1)) + G (f + 1))
 * </pre>
 *
 * for this dropout's seed, the training step, the element's step t counted from the start of
 * the batch, its row r in the global batch and its feature f; element (t, r, f) is dropped when
 * u / 2^64 (its top 53 bits) &lt; p. So a worker that computes only some rows of a batch, or only
 * some of its steps (a truncated-BPTT chunk), draws for them exactly what one process computing
 * the whole batch draws ({@link Dropouts} says which step, first step and rows). While
 * {@link #hold(boolean) held}, forwards reuse the last mask, which is what a finite-difference
 * check needs. In evaluation, y = x.
 *
 * <p>y and dx have x's backing (dy may have either): a float-backed x (a float32 layer's output)
 * gives float-backed y and dx, each element the float64 product rounded to float once (what the
 * float32 layer it goes to would have rounded it to), so a float32 stack exchanges no double
 * arrays through its dropout. dx is written over y: y is the next layer's input, whose backward
 * (the last reader of it) has run when this one runs, and the next forward makes y anew.
 */
final class Dropout {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long TIME = 0xD1B54A32D192ED03L;
    private static final long ROW = 0xAEF17502108EF2D9L;

    private final double p;
    private final long seed;
    private boolean held;
    private boolean applied;
    private double[] mask = new double[0];
    private double[] out = new double[0];
    private float[] outFloats = new float[0];
    private Sequence lastIn;

    /**
     * @param p the probability of zeroing an element, in [0, 1)
     * @param seed the seed of the masks
     */
    Dropout(double p, long seed) {
        this.p = p;
        this.seed = seed;
    }

    /** @param hold whether forwards reuse the last mask instead of drawing a new one */
    void hold(boolean hold) {
        this.held = hold;
    }

    /** @return whether forwards reuse the last mask */
    boolean held() {
        return held;
    }

    /**
     * @param x the layer's output, T x B x F
     * @param training whether to drop (else y = x)
     * @param step the training step whose masks to draw
     * @param firstTime the batch step that x's step 0 is
     * @param rows the global batch row of each of x's B rows, or null for 0 .. B-1
     * @return y
     */
    Sequence forward(Sequence x, boolean training, long step, int firstTime, int[] rows) {
        lastIn = x;
        applied = training && p > 0;
        if (!applied) {
            return x;
        }
        int n = x.rows() * x.features();
        if (mask.length != n) {
            if (held && mask.length > 0) {
                throw new IllegalStateException("the dropout masks are held for batches of " + mask.length
                        + " values, got a batch of shape " + x.shape() + "; release them before changing shape");
            }
            mask = new double[n];
            draw(x, step, firstTime, rows);
        } else if (!held) {
            draw(x, step, firstTime, rows);
        }
        if (x.isFloat()) {
            float[] v = x.floats();
            outFloats = outFloats.length == n ? outFloats : new float[n];
            for (int i = 0; i < n; i++) {
                outFloats[i] = (float) (v[i] * mask[i]);
            }
            return Sequence.wrap(x.steps(), x.batch(), x.features(), outFloats, x.mask());
        }
        double[] v = x.data();
        out = out.length == n ? out : new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i] * mask[i];
        }
        return Sequence.wrap(x.steps(), x.batch(), x.features(), out, x.mask());
    }

    Sequence backward(Sequence dy) {
        if (!applied) {
            return dy;
        }
        int n = mask.length;
        float[] gf = dy.floats();
        double[] gd = gf == null ? dy.data() : null;
        // dx over y (forward made y of n values in x's backing; dy is read element by element first)
        if (lastIn.isFloat()) {
            float[] dx = outFloats;
            for (int i = 0; i < n; i++) {
                dx[i] = (float) ((gf != null ? gf[i] : gd[i]) * mask[i]);
            }
            return Sequence.wrap(lastIn.steps(), lastIn.batch(), lastIn.features(), dx, lastIn.mask());
        }
        double[] dx = out;
        for (int i = 0; i < n; i++) {
            dx[i] = (gf != null ? gf[i] : gd[i]) * mask[i];
        }
        return Sequence.wrap(lastIn.steps(), lastIn.batch(), lastIn.features(), dx, lastIn.mask());
    }

    private void draw(Sequence x, long step, int firstTime, int[] rows) {
        if (rows != null && rows.length != x.batch()) {
            throw new IllegalStateException("dropout was told the global rows of a batch of " + rows.length
                    + " rows, got a batch of shape " + x.shape());
        }
        double keep = 1.0 / (1.0 - p);
        int features = x.features();
        long base = mix(seed + GOLDEN * (step + 1));
        int i = 0;
        for (int t = 0; t < x.steps(); t++) {
            long time = mix(base + TIME * (firstTime + t + 1L));
            for (int b = 0; b < x.batch(); b++) {
                long state = mix(time + ROW * ((rows == null ? b : rows[b]) + 1L));
                for (int f = 0; f < features; f++) {
                    state += GOLDEN;
                    double u = (mix(state) >>> 11) * 0x1.0p-53;
                    mask[i++] = u < p ? 0.0 : keep;
                }
            }
        }
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
