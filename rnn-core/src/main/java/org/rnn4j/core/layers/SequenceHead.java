package org.rnn4j.core.layers;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A sequence head: one row per sequence from a batch of T steps, reading each sequence's real
 * steps only (the mask; a padded batch of sequences of different lengths gives each its own
 * answer). It has no parameters; its backward puts dL/dy where the forward read.
 *
 * <pre>
 *   last:  y_b = h_{t_b, b},  t_b = b's last real step              dh_{t_b, b} = dy_b
 *          (features from r on, when reverse_from = r: t_b = b's first real step)
 *   mean:  y_b = (1/L_b) sum_{t real} h_{t, b}                       dh_{t, b}   = dy_b / L_b  (t real)
 *   max:   y_{b,f} = h_{t*, b, f},  t* = the first real t of the     dh_{t*, b, f} = dy_{b, f}
 *          largest h_{t, b, f}
 * </pre>
 * Every other dh is zero: BPTT starts from the step(s) read, and nothing flows into padding.
 *
 * <p>{@code reverse_from} (set by the network builder when the layer below is bidirectional,
 * whose features from r on read the sequence backwards) makes {@code last} PyTorch's
 * {@code h_n} of both directions: the forward direction at the last real step, the backward one
 * at the first, each having read the whole sequence.
 *
 * <p>It reads a float-backed input (a float32 layer's output) and gradient as floats, without a
 * float64 copy, and computes in float64 in either precision: its output (B rows) is
 * double-backed; dL/dx has the input's backing, each value rounded once to float for a float32
 * layer below (what that layer would round a double to).
 */
final class SequenceHead implements Layer {

    /** How a head reduces the steps of a sequence. */
    enum Mode {
        /** The last real step ({@code last_step}). */
        LAST,
        /** The mean over the real steps ({@code mean_pool}). */
        MEAN,
        /** The element-wise maximum over the real steps ({@code max_pool}). */
        MAX
    }

    private final String kind;
    private final Mode mode;
    private final int width;
    private final int reverseFrom;

    private int steps = -1;
    private int batch = -1;
    /** For LAST and MAX: the row (t * B + b) each output value was read from. */
    private int[] source;
    /** For MEAN: each sequence's number of real steps. */
    private int[] lengths;
    private double[] out;
    private double[] dx;
    private float[] dxFloats;
    private Sequence lastIn;
    private Sequence lastOut;
    private Sequence lastDx;

    SequenceHead(String kind, Mode mode, int width, int reverseFrom) {
        this.kind = kind;
        this.mode = mode;
        this.width = width;
        this.reverseFrom = reverseFrom;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        allocate(x.steps(), x.batch());
        int n = width;
        float[] hf = x.floats(); // a float32 layer's output: read as it is, not through a float64 copy
        double[] hd = hf == null ? x.data() : null;
        for (int b = 0; b < batch; b++) {
            int first = -1;
            int last = -1;
            int length = 0;
            for (int t = 0; t < steps; t++) {
                if (x.active(t * batch + b)) {
                    first = first < 0 ? t : first;
                    last = t;
                    length++;
                }
            }
            if (length == 0) {
                throw new IllegalArgumentException("sequence " + b + " of the batch has no real step (its mask is all"
                        + " false); the " + kind + " head reads at least one step of every sequence");
            }
            for (int f = 0; f < n; f++) {
                int o = b * n + f;
                switch (mode) {
                    case LAST -> {
                        source[o] = (f < reverseFrom ? last : first) * batch + b;
                        out[o] = value(hd, hf, source[o] * n + f);
                    }
                    case MAX -> {
                        int best = -1;
                        for (int t = first; t <= last; t++) {
                            int r = t * batch + b;
                            if (x.active(r) && (best < 0 || value(hd, hf, r * n + f) > value(hd, hf, best * n + f))) {
                                best = r;
                            }
                        }
                        source[o] = best;
                        out[o] = value(hd, hf, best * n + f);
                    }
                    case MEAN -> {
                        double s = 0;
                        for (int t = first; t <= last; t++) {
                            if (x.active(t * batch + b)) {
                                s += value(hd, hf, (t * batch + b) * n + f);
                            }
                        }
                        out[o] = s / length;
                    }
                    default -> throw new IllegalStateException(mode.toString());
                }
            }
            lengths[b] = length;
        }
        lastIn = x;
        lastOut = Shapes.view(lastOut, 1, batch, n, out, null);
        return lastOut;
    }

    @Override
    public Sequence backward(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        int n = width;
        float[] gf = dy.floats();
        double[] gd = gf == null ? dy.data() : null;
        boolean asFloat = lastIn.isFloat();
        int size = steps * batch * n;
        if (asFloat) {
            dxFloats = dxFloats != null && dxFloats.length == size ? dxFloats : new float[size];
            Arrays.fill(dxFloats, 0f);
        } else {
            dx = dx != null && dx.length == size ? dx : new double[size];
            Arrays.fill(dx, 0.0);
        }
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < n; f++) {
                int o = b * n + f;
                if (mode == Mode.MEAN) {
                    double share = value(gd, gf, o) / lengths[b];
                    for (int t = 0; t < steps; t++) {
                        if (lastIn.active(t * batch + b)) {
                            put(asFloat, (t * batch + b) * n + f, share);
                        }
                    }
                } else {
                    put(asFloat, source[o] * n + f, value(gd, gf, o));
                }
            }
        }
        lastDx = asFloat ? Shapes.view(lastDx, steps, batch, n, dxFloats, lastIn.mask())
                : Shapes.view(lastDx, steps, batch, n, dx, lastIn.mask());
        return lastDx;
    }

    /** dL/dx element i: into the float buffer (rounded once) or the double one. */
    private void put(boolean asFloat, int i, double v) {
        if (asFloat) {
            dxFloats[i] = (float) v;
        } else {
            dx[i] = v;
        }
    }

    /** Element i of a sequence's doubles or, when it is float-backed, its floats. */
    private static double value(double[] doubles, float[] floats, int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    @Override
    public String toString() {
        return kind + " head (" + width + (reverseFrom < width ? ", reverse from " + reverseFrom : "") + ")";
    }

    private void allocate(int t1, int b1) {
        if (t1 == steps && b1 == batch) {
            return;
        }
        steps = t1;
        batch = b1;
        source = new int[b1 * width];
        lengths = new int[b1];
        out = new double[b1 * width];
        lastOut = null;
        lastDx = null;
    }
}
