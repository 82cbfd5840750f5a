package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.ArraySize;

/**
 * A bidirectional recurrent layer (Schuster and Paliwal, "Bidirectional Recurrent Neural
 * Networks", IEEE Trans. Signal Processing 45(11), 1997) made of two instances of any recurrent
 * layer: one reads each sequence forwards, the other backwards, and their outputs are
 * concatenated, forward first ({@code Hf + Hr} features per step), as in PyTorch's
 * {@code bidirectional=True}.
 *
 * <pre>
 *   forward                                 backward
 *   y^f = forward(x)                        dx = forward.backward(dy^f)
 *   y^r = R(reverse(R(x)))                     + R(reverse.backward(R(dy^r)))
 *   y_t = [y^f_t, y^r_t]
 * </pre>
 *
 * R reverses each sequence over its own real steps: with a mask, sequence b's real steps
 * t_0 &lt; ... &lt; t_{L-1} trade places (t_k with t_{L-1-k}) and padded steps stay where they
 * are, so a sequence of length L padded at the end is read from step L-1 down to 0, as PyTorch
 * does with packed sequences. R is its own inverse.
 *
 * <p>The reverse instance's parameters carry PyTorch's {@code _reverse} suffix
 * ({@code weight_ih_reverse}). The state is the forward instance's blocks followed by the
 * reverse instance's (LSTM: h, c, h_reverse, c_reverse); the final state of the reverse
 * direction is its state after reading step 0, PyTorch's {@code h_n} for that direction.
 *
 * <p>The buffers between the two instances and the caller are {@link RowBuffer}s of the backing
 * of what they are made from: a float32 pair's output is float-backed, and so is its reversed
 * input when its input is; only dx, the sum of the two directions' input gradients, is kept in
 * float64 (T B I doubles) in either precision, so that the layer below, or a dropout and then
 * the layer below, rounds it once, as before float32 layers exchanged floats.
 */
public final class Bidirectional implements Layer {

    private final Layer forward;
    private final Layer reverse;
    private final int forwardBlocks;
    private final List<Parameter> parameters;

    private int steps = -1;
    private int batch = -1;
    /** Row r of the reversed batch is row order[r] of the original (an involution). */
    private int[] order;
    private int[] real;
    /** The reversed symbols of a symbol-coded input, row r = symbol of row order[r]; reused per forward. */
    private int[] symbolsRev;
    private final RowBuffer xRev = new RowBuffer();
    private final RowBuffer out = new RowBuffer();
    private final RowBuffer dyForward = new RowBuffer();
    private final RowBuffer dyReverse = new RowBuffer();
    private final RowBuffer dx = new RowBuffer();
    private Sequence lastIn;
    private Sequence lastOut;

    /**
     * Wraps two separately made layers of one kind and size.
     *
     * @param forward the layer that reads forwards
     * @param reverse the layer that reads backwards, a different instance
     * @throws IllegalArgumentException if they differ in kind, sizes or state, or are one object
     */
    public Bidirectional(Layer forward, Layer reverse) {
        if (forward == reverse) {
            throw new IllegalArgumentException("a bidirectional layer needs two instances, got one twice");
        }
        if (!forward.kind().equals(reverse.kind()) || forward.inputSize() != reverse.inputSize()
                || forward.outputSize() != reverse.outputSize()
                || !Arrays.equals(forward.stateSizes(), reverse.stateSizes())) {
            throw new IllegalArgumentException("a bidirectional layer needs two layers of one kind and size, got "
                    + Shapes.describe(forward) + " and " + Shapes.describe(reverse));
        }
        if (forward.stateSizes().length == 0) {
            throw new IllegalArgumentException("a bidirectional layer wraps a recurrent layer; the "
                    + Shapes.describe(forward) + " carries no state");
        }
        this.forward = forward;
        this.reverse = reverse;
        this.forwardBlocks = forward.stateSizes().length;
        List<Parameter> ps = new ArrayList<>(forward.parameters());
        Set<String> names = new HashSet<>();
        forward.parameters().forEach(p -> names.add(p.name()));
        for (Parameter p : reverse.parameters()) {
            Parameter r = p.renamed(p.name() + "_reverse");
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("the " + Shapes.describe(forward) + " already has a parameter named '"
                        + r.name() + "'");
            }
            ps.add(r);
        }
        this.parameters = Collections.unmodifiableList(ps);
    }

    /** @return the layer reading forwards */
    public Layer forwardLayer() {
        return forward;
    }

    /** @return the layer reading backwards */
    public Layer reverseLayer() {
        return reverse;
    }

    /** @return the wrapped kind ({@code "lstm"}) */
    @Override
    public String kind() {
        return forward.kind();
    }

    @Override
    public int inputSize() {
        return forward.inputSize();
    }

    @Override
    public int outputSize() {
        return forward.outputSize() + reverse.outputSize();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int[] stateSizes() {
        return concat(forward.stateSizes(), reverse.stateSizes());
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        State initialForward = null;
        State initialReverse = null;
        if (initial != null) {
            Shapes.requireState(this, initial, x.batch());
            double[][] p = initial.parts();
            initialForward = new State(Arrays.copyOfRange(p, 0, forwardBlocks));
            initialReverse = new State(Arrays.copyOfRange(p, forwardBlocks, p.length));
        }
        allocate(x.steps(), x.batch());
        Sequence yf = forward.forward(x, initialForward);
        reverseOrder(x);
        Sequence yr = reverse.forward(reversed(x), initialReverse);
        int hf = forward.outputSize();
        int hr = reverse.outputSize();
        int w = hf + hr;
        out.size(yf.isFloat() && yr.isFloat(), steps * batch * w);
        for (int r = 0; r < steps * batch; r++) {
            out.copy(yf, r * hf, r * w, hf);
            out.copy(yr, order[r] * hr, r * w + hf, hr);
        }
        lastIn = x;
        lastOut = out.view(steps, batch, w, x.mask());
        return lastOut;
    }

    @Override
    public State finalState() {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
        return new State(concat(forward.finalState().parts(), reverse.finalState().parts()));
    }

    @Override
    public Sequence backward(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        int hf = forward.outputSize();
        int hr = reverse.outputSize();
        int w = hf + hr;
        dyForward.size(dy.isFloat(), steps * batch * hf);
        dyReverse.size(dy.isFloat(), steps * batch * hr);
        for (int r = 0; r < steps * batch; r++) {
            dyForward.copy(dy, r * w, r * hf, hf);
            dyReverse.copy(dy, r * w + hf, order[r] * hr, hr);
        }
        boolean[] mask = lastIn.mask();
        Sequence gf = forward.backward(dyForward.view(steps, batch, hf, mask));
        Sequence gr = reverse.backward(dyReverse.view(steps, batch, hr, mask));
        // dx stays float64 in either precision: the sum of the two directions' gradients, rounded only
        // by the layer below; a dropout below multiplies it first, and rounding the sum here as well
        // would round twice
        permuteRows(gr, dx, inputSize(), false);
        dx.add(gf);
        return dx.view(steps, batch, inputSize(), mask);
    }

    @Override
    public State initialStateGradient() {
        return new State(concat(forward.initialStateGradient().parts(), reverse.initialStateGradient().parts()));
    }

    @Override
    public String toString() {
        return "bidirectional " + Shapes.describe(forward);
    }

    /** Fills {@link #order}: each sequence's real steps in reverse, padded rows in place. */
    private void reverseOrder(Sequence x) {
        for (int b = 0; b < batch; b++) {
            int n = 0;
            for (int t = 0; t < steps; t++) {
                int r = t * batch + b;
                order[r] = r;
                if (x.active(r)) {
                    real[n++] = t;
                }
            }
            for (int k = 0; k < n; k++) {
                order[real[k] * batch + b] = real[n - 1 - k] * batch + b;
            }
        }
    }

    /** x with the real steps of each sequence reversed; symbol-coded if x is, else of x's backing. */
    private Sequence reversed(Sequence x) {
        int[] symbols = x.symbols();
        if (symbols == null) {
            permuteRows(x, xRev, inputSize(), x.isFloat());
            return xRev.view(steps, batch, inputSize(), x.mask());
        }
        for (int r = 0; r < symbolsRev.length; r++) {
            symbolsRev[r] = symbols[order[r]];
        }
        return Sequence.oneHot(steps, batch, inputSize(), symbolsRev, x.mask());
    }

    /**
     * dst row r = src row order[r], rows of {@code n} values, into a buffer of the backing asked.
     */
    private void permuteRows(Sequence src, RowBuffer dst, int n, boolean asFloat) {
        dst.size(asFloat, steps * batch * n);
        for (int r = 0; r < steps * batch; r++) {
            dst.copy(src, order[r] * n, r * n, n);
        }
    }

    private void allocate(int t1, int b1) {
        if (t1 == steps && b1 == batch) {
            return;
        }
        int rows = ArraySize.of("the bidirectional layer's steps x batch", t1, b1);
        ArraySize.of("the bidirectional layer's outputs for T x B x 2H", t1, b1, outputSize());
        ArraySize.of("the bidirectional layer's inputs for T x B x I", t1, b1, inputSize());
        steps = t1;
        batch = b1;
        order = new int[rows];
        real = new int[t1];
        symbolsRev = new int[rows];
        lastOut = null;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
