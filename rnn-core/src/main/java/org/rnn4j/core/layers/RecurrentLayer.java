package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.ArraySize;
import org.rnn4j.core.math.Kernels;
import org.rnn4j.core.math.Range;

/**
 * The loop over time that the built-in recurrent layers ({@link Elman}, {@link Lstm},
 * {@link Gru}) share; a subclass supplies one cell step, forward and backward.
 *
 * <p>A cell has G gates (Elman 1, GRU 3, LSTM 4) whose pre-activations are
 * {@code W_ih x_t + W_hh h_{t-1} + biases}, with {@code W_ih} (G*H x I) and {@code W_hh}
 * (G*H x H) packed gate by gate as in PyTorch. Per batch:
 *
 * <pre>
 *   forward:  P = X W_ih^T                           one GEMM over all T*B rows
 *             for t = 0 .. T-1: P_t += input biases, then cell step t
 *                                                    (a B x G*H GEMM with h_{t-1}, then the gates)
 *   backward: for t = T-1 .. 0 (one reversed loop, carrying dL/dh and the cell's other state):
 *               dh += dL/dy_t
 *               cell step t backward, row by row     writes dL/dP_t, leaves the non-W_hh part
 *                                                    of dL/dh_{t-1} in dh
 *               dh += dQ_t W_hh                      (Q = the gradient at W_hh h_{t-1})
 *             dW_ih += dP^T X,  dW_hh += sum_t dQ_t^T h_{t-1},  dX = dP W_ih    GEMMs over all T
 * </pre>
 *
 * <h2>Threads</h2>
 * The sequences of a batch are independent within a step, so each step, forward and backward,
 * is cut by rows (sequences) over the cores ({@link Kernels#parallel}): a slice runs the
 * recurrent product of its own rows and then their gates, with no hand-over between the two.
 * The cut depends only on B and the number of cores, so results are the same bit for bit from
 * run to run on one machine.
 *
 * For Elman and LSTM, Q = P; GRU keeps them apart (its reset gate multiplies the recurrent
 * term of the candidate only, so the two differ in the candidate's rows).
 *
 * <h2>Padding</h2>
 * On a padded row (mask false) the cell keeps its whole state: h_t = h_{t-1} (and
 * c_t = c_{t-1}); backward passes dL/dh_t (and dL/dc_t) to step t-1 unchanged and gives the
 * row no gate gradient, so padding adds nothing to any parameter or input gradient. The cell
 * step skips padded rows ({@link #active}): no activation is evaluated on a value that cannot
 * reach the output (only the GEMMs, which work on whole steps, still cover them).
 *
 * <h2>Buffers</h2>
 * Everything is allocated when T or B changes and reused otherwise: nothing per step.
 */
abstract class RecurrentLayer implements Layer {

    final Kernels k = Kernels.get();
    /** The kernels of a slice of a step: its products run whole on its own thread. */
    final Kernels rowKernels = k.sequential();
    final int in;
    final int hidden;
    /** G * H: the width of a row of gate pre-activations. */
    final int width;
    final Parameter wIh;
    final Parameter wHh;
    private final String kind;
    private final int stateCount;
    private List<Parameter> parameters = List.of();

    int steps = -1;
    int batch = -1;
    /** P: gate pre-activations of every step, (T*B) x G*H; the input projection lands here first. */
    double[] pre;
    /** h_t of every step (the output), (T*B) x H. */
    double[] h;
    /** h_{-1}, B x H. */
    double[] h0;
    /** dL/dP, (T*B) x G*H. */
    double[] dPre;
    /** dL/dh carried backwards through the steps, B x H. */
    double[] dh;
    /** dL/dX, (T*B) x I; made on first use (a first layer never needs it). */
    private double[] dx;
    Sequence lastIn;
    private Sequence lastOut;
    private Sequence lastDx;
    /** {@link #stateBlocks()} and {@link #initialBlocks()} of the buffers in use. */
    private double[][] historyBlocks;
    private double[][] initialBlocks;
    /** The step the slices of {@link #forwardRows} and {@link #backwardRows} work on. */
    private int current;
    /** dL/dy of the current backward. */
    private double[] outGrad;
    private final Range forwardRows = this::forwardRows;
    private final Range backwardRows = this::backwardRows;

    /**
     * @param kind the provider name
     * @param in I
     * @param hidden H
     * @param gates G, the gates packed in the weights
     * @param stateCount the state blocks, each B x H (h; or h and c)
     */
    RecurrentLayer(String kind, int in, int hidden, int gates, int stateCount) {
        this.kind = kind;
        this.stateCount = stateCount;
        this.in = in;
        this.hidden = hidden;
        this.width = gates * hidden;
        this.wIh = new Parameter("weight_ih", width, in);
        this.wHh = new Parameter("weight_hh", width, hidden);
    }

    /** Sets the parameter list: the two weights followed by {@code biases}. */
    final void setBiases(Parameter... biases) {
        List<Parameter> ps = new ArrayList<>(List.of(wIh, wHh));
        ps.addAll(Arrays.asList(biases));
        this.parameters = Collections.unmodifiableList(ps);
    }

    // ---- what a cell supplies ----

    /** @return the biases added to every row of the input projection (summed if several) */
    abstract List<Parameter> projectionBiases();

    /** Allocates the cell's own buffers for T*B rows and batch B; none unless overridden. */
    void allocateCell(int rows, int b) {
    }

    /** @return the state blocks before step 0, B x H each, to be filled: {h0} unless overridden */
    double[][] initialBlocks() {
        return new double[][] {h0};
    }

    /** @return the state blocks of every step, (T*B) x H each: {h} unless overridden */
    double[][] stateBlocks() {
        return new double[][] {h};
    }

    /** @return the carried gradients of the state blocks, B x H each: {dh} unless overridden */
    double[][] gradientBlocks() {
        return new double[][] {dh};
    }

    /**
     * Forward step t over rows [b0, b1) of the batch: on entry {@code pre} holds the input
     * projection of step t; on exit {@code h} (and any other state block) holds step t's state
     * on every real row ({@link #active}) among them. Padded rows are left alone; the loop
     * copies the state into them afterwards. Slices of one step run at the same time on
     * different threads, so a cell writes only its own rows and computes with
     * {@link #rowKernels}.
     *
     * @param t the step
     * @param prev the array holding h_{t-1} ({@link #h0} at t = 0, else {@link #h})
     * @param prevOff offset of h_{t-1} in it (and of the other blocks of step t-1 in theirs)
     * @param b0 the first row
     * @param b1 one past the last row
     */
    abstract void stepForward(int t, double[] prev, int prevOff, int b0, int b1);

    /**
     * Backward step t for one real row. On entry row {@code b} of {@link #dh} holds dL/dh_t
     * (and of each other gradient block dL/d(state)_t). On exit row {@code b} of {@link #dPre}
     * (and of {@link #hiddenGradient()}) holds the gate gradients, row {@code b} of
     * {@link #dh} the part of dL/dh_{t-1} that does not go through W_hh, and the other blocks
     * dL/d(state)_{t-1}. Rows of one step run at the same time on different threads.
     *
     * @param t the step
     * @param b the row (sequence) within the step
     */
    abstract void rowBackward(int t, int b);

    /** @return dQ, the gradient at W_hh h_{t-1} of every step; {@link #dPre} unless overridden */
    double[] hiddenGradient() {
        return dPre;
    }

    /** Adds gradients of parameters outside the shared scheme (GRU's recurrent bias). */
    void extraGradients() {
    }

    // ---- the loop ----

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int inputSize() {
        return in;
    }

    @Override
    public final int outputSize() {
        return hidden;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final int[] stateSizes() {
        int[] s = new int[stateCount];
        Arrays.fill(s, hidden);
        return s;
    }

    /**
     * @param t a step of the current forward
     * @param b a row (sequence) of the batch
     * @return whether row b of step t is a real step, not padding
     */
    final boolean active(int t, int b) {
        return lastIn.active(t * batch + b);
    }

    /** @return whether the current batch has padded rows (a mask) */
    final boolean masked() {
        return lastIn.mask() != null;
    }

    /** The array holding the state of step t-1 for step t. */
    final double[] previous(double[] history, double[] initial, int t) {
        return t == 0 ? initial : history;
    }

    /** Offset of step t-1's rows for step t (0 at t = 0, in the initial block). */
    final int previousOffset(int t) {
        return t == 0 ? 0 : (t - 1) * batch * hidden;
    }

    @Override
    public final Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        allocate(x.steps(), x.batch());
        loadInitial(initial);
        lastIn = x;
        Sequence view = lastOut;
        lastOut = null;
        int rows = steps * batch;
        k.gemm(false, true, rows, width, in, 1.0, x.data(), 0, in, wIh.value(), 0, in, 0.0, pre, 0, width);
        for (int t = 0; t < steps; t++) {
            current = t;
            k.parallel(batch, (long) width * hidden, forwardRows);
        }
        lastOut = Shapes.view(view, steps, batch, hidden, h, x.mask());
        return lastOut;
    }

    /**
     * Forward step {@link #current} over rows [b0, b1): the input biases onto the rows' input
     * projections (here rather than over all T*B rows at once, so that it runs on every core
     * while the rows are in cache), the cell step, and padded rows holding their state.
     */
    private void forwardRows(int b0, int b1) {
        int t = current;
        List<Parameter> biases = projectionBiases();
        for (int i = 0; i < biases.size(); i++) {
            rowKernels.addRowVector(pre, (t * batch + b0) * width, b1 - b0, biases.get(i).value(), width);
        }
        stepForward(t, previous(h, h0, t), previousOffset(t), b0, b1);
        if (masked()) {
            for (int i = 0; i < historyBlocks.length; i++) {
                holdPadded(t, previous(historyBlocks[i], initialBlocks[i], t), previousOffset(t), historyBlocks[i],
                        b0, b1);
            }
        }
    }

    @Override
    public final State finalState() {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
        int bh = batch * hidden;
        double[][] history = stateBlocks();
        double[][] parts = new double[history.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Arrays.copyOfRange(history[i], (steps - 1) * bh, steps * bh);
        }
        return new State(parts);
    }

    @Override
    public final void copyFinalState(State destination) {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
        int bh = batch * hidden;
        double[][] history = stateBlocks();
        if (destination.parts().length != history.length) {
            throw new IllegalArgumentException("the " + Shapes.describe(this) + " has " + history.length
                    + " state block(s), the destination has " + destination.parts().length);
        }
        for (int i = 0; i < history.length; i++) {
            if (destination.part(i).length != bh) {
                throw new IllegalArgumentException("the " + Shapes.describe(this) + "'s state block " + i
                        + " has batch x " + hidden + " = " + bh + " values, the destination's has "
                        + destination.part(i).length);
            }
            System.arraycopy(history[i], (steps - 1) * bh, destination.part(i), 0, bh);
        }
    }

    @Override
    public final Sequence backward(Sequence dy) {
        backwardWithoutInputGradient(dy);
        int rows = steps * batch;
        if (dx == null || dx.length != rows * in) {
            dx = new double[rows * in];
        }
        k.gemm(false, false, rows, in, width, 1.0, dPre, 0, width, wIh.value(), 0, in, 0.0, dx, 0, in);
        lastDx = Shapes.view(lastDx, steps, batch, in, dx, lastIn.mask());
        return lastDx;
    }

    @Override
    public final void backwardWithoutInputGradient(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        double[] dq = hiddenGradient();
        for (double[] block : gradientBlocks()) {
            Arrays.fill(block, 0.0);
        }
        outGrad = dy.data();
        for (int t = steps - 1; t >= 0; t--) {
            current = t;
            k.parallel(batch, (long) width * hidden, backwardRows);
        }
        outGrad = null;
        int rows = steps * batch;
        k.gemm(true, false, width, in, rows, 1.0, dPre, 0, width, lastIn.data(), 0, in, 1.0, wIh.grad(), 0, in);
        if (steps > 1) {
            k.gemm(true, false, width, hidden, rows - batch, 1.0, dq, batch * width, width, h, 0, hidden,
                    1.0, wHh.grad(), 0, hidden);
        }
        k.gemm(true, false, width, hidden, batch, 1.0, dq, 0, width, h0, 0, hidden, 1.0, wHh.grad(), 0, hidden);
        for (Parameter b : projectionBiases()) {
            k.addColumnSums(dPre, rows, width, b.grad());
        }
        extraGradients();
    }

    /**
     * Backward step {@link #current} over rows [b0, b1): adds dL/dy_t to dh, runs the cell
     * backward on each real row, and adds those rows' dQ_t W_hh to dh.
     */
    private void backwardRows(int b0, int b1) {
        int t = current;
        double[] dq = hiddenGradient();
        int off = t * batch * hidden;
        for (int j = b0 * hidden; j < b1 * hidden; j++) {
            dh[j] += outGrad[off + j];
        }
        for (int b = b0; b < b1; b++) {
            if (lastIn.active(t * batch + b)) {
                rowBackward(t, b);
            } else {
                // Padding: the state passed through unchanged, so do its gradients.
                int r = (t * batch + b) * width;
                Arrays.fill(dPre, r, r + width, 0.0);
                Arrays.fill(dq, r, r + width, 0.0);
            }
        }
        rowKernels.gemm(false, false, b1 - b0, hidden, width, 1.0, dq, (t * batch + b0) * width, width,
                wHh.value(), 0, hidden, 1.0, dh, b0 * hidden, hidden);
    }

    @Override
    public final State initialStateGradient() {
        double[][] blocks = gradientBlocks();
        double[][] parts = new double[blocks.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = blocks[i].clone();
        }
        return new State(parts);
    }

    private void loadInitial(State initial) {
        double[][] blocks = initialBlocks();
        if (initial == null) {
            for (double[] block : blocks) {
                Arrays.fill(block, 0.0);
            }
            return;
        }
        Shapes.requireState(this, initial, batch);
        for (int i = 0; i < blocks.length; i++) {
            System.arraycopy(initial.part(i), 0, blocks[i], 0, batch * hidden);
        }
    }

    /** Copies row b of step t-1 into step t for every padded row b in [b0, b1) of step t. */
    private void holdPadded(int t, double[] prev, int prevOff, double[] cur, int b0, int b1) {
        int off = t * batch * hidden;
        for (int b = b0; b < b1; b++) {
            if (!active(t, b)) {
                System.arraycopy(prev, prevOff + b * hidden, cur, off + b * hidden, hidden);
            }
        }
    }

    private void allocate(int t1, int b1) {
        if (t1 == steps && b1 == batch) {
            return;
        }
        int rows = ArraySize.of("the " + kind + " layer's steps x batch", t1, b1);
        int gates = ArraySize.of("the " + kind + " layer's gate values for T x B x G*H", t1, b1, width);
        ArraySize.of("the " + kind + " layer's input gradient for T x B x I", t1, b1, in);
        steps = t1;
        batch = b1;
        pre = new double[gates];
        h = new double[rows * hidden];
        dPre = new double[gates];
        dx = null;
        h0 = new double[b1 * hidden];
        dh = new double[b1 * hidden];
        allocateCell(rows, b1);
        historyBlocks = stateBlocks();
        initialBlocks = initialBlocks();
        lastOut = null;
    }
}
