package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.Kernels;
import org.rnn4j.core.math.Range;

/**
 * The loop over time that drives a {@link Cell} ({@link Elman}, {@link Lstm}, {@link Gru}):
 * one forward loop and one reversed BPTT loop, with the matrix products around the cell's
 * element-wise step.
 *
 * <p>A cell has G gates (Elman 1, GRU 3, LSTM 4) whose pre-activations are
 * {@code W_ih x_t + W_hh h_{t-1} + biases}, with {@code W_ih} (G*H x I) and {@code W_hh}
 * (G*H x H) packed gate by gate as in PyTorch. Per batch:
 *
 * <pre>
 *   forward:  for t = 0 .. T-1:
 *               P_t = X_t W_ih^T                     one GEMM per step (per slice of its rows); for
 *                                                    one-hot rows held as symbols, a column lookup
 *                                                    over all T*B rows before the loop ({@link SymbolInput})
 *               P_t += input biases
 *               Q_t = h_{t-1} W_hh^T (+ recurrent biases)   into P_t itself unless the cell keeps Q apart
 *               cell step t forward                  the gates and the new state
 *   backward: for t = T-1 .. 0 (one reversed loop, carrying dL/dh and the cell's other state):
 *               dh += dL/dy_t
 *               cell step t backward, row by row     writes dL/dP_t over P_t (which nothing reads
 *                                                    after this step), leaves the non-W_hh part
 *                                                    of dL/dh_{t-1} in dh
 *               dh += dQ_t W_hh                      (dQ = the gradient at Q)
 *             dW_ih += dP^T X,  dW_hh += sum_t dQ_t^T h_{t-1},  dX = dP W_ih    GEMMs over all T
 * </pre>
 *
 * For Elman and LSTM, Q is added into P (and dQ = dP); GRU keeps them apart (its reset gate
 * multiplies the recurrent term of the candidate only, so the two differ in the candidate's
 * rows).
 *
 * <p>The input projection is a product per step, not one over all T*B rows, so that a step's
 * numbers come from the same products whether the sequence arrives whole or a step at a time
 * (a streaming predictor): OpenBLAS rounds a row of a product differently with the number of
 * rows in the call (with {@code OPENBLAS_CORETYPE=Haswell} the last row of an odd count; with
 * SkylakeX, which picks small-matrix kernels by size, most shapes under a few dozen rows).
 *
 * <h2>Threads</h2>
 * The sequences of a batch are independent within a step, so each step, forward and backward,
 * is cut by rows (sequences) over the cores ({@link Kernels#parallel}): a slice runs the
 * recurrent product of its own rows and then their cell step, with no hand-over between the
 * two. The cut depends only on B and the number of cores, so results are the same bit for bit
 * from run to run on one machine.
 *
 * <h2>Padding</h2>
 * On a padded row (mask false) the cell keeps its whole state: h_t = h_{t-1} (and
 * c_t = c_{t-1}); backward passes dL/dh_t (and dL/dc_t) to step t-1 unchanged and gives the
 * row no gate gradient, so padding adds nothing to any parameter or input gradient. The cell
 * step skips padded rows ({@link Steps#active}): no activation is evaluated on a value that
 * cannot reach the output (only the GEMMs, which work on whole steps, still cover them).
 *
 * <h2>Buffers</h2>
 * Everything ({@link Steps}, the cell's own buffers, one {@link Range} per step and direction
 * that carries its step) is made when T or B changes and reused otherwise: nothing per step.
 * The gate gradients take the place of the pre-activations ({@link Steps}), so a backward uses
 * up its forward: a second backward without a forward in between is an error.
 */
final class RecurrentLayer implements Layer, InputGradients.Sharing {

    private final Kernels k = Kernels.get();
    /** The kernels of a slice of a step: its products run whole on its own thread. */
    private final Kernels rowKernels = k.sequential();
    private final String kind;
    private final int in;
    private final int hidden;
    /** G * H: the width of a row of gate pre-activations. */
    private final int width;
    private final Cell cell;
    private final Weights wIh;
    private final Weights wHh;
    private final List<Weights> inputBiases;
    private final List<Weights> recurrentBiases;
    private final List<Weights> weights;
    private final List<Parameter> parameters;
    private final Boundary io = new Boundary();
    /** The input product as a lookup, for inputs of one-hot rows held as symbols. */
    private final SymbolInput symbolInput = new SymbolInput();
    /** Whether the forward under way reads symbols (its input product is then already in P). */
    private boolean symbolCoded;

    /** The buffers of the current T and B; null before the first forward. */
    private Steps s;
    /** Step t's forward and backward over a slice of rows, for t = 0 .. T-1. */
    private Range[] forwardStep;
    private Range[] backwardStep;
    /** dL/dX, (T*B) x I, when no network lends a shared one; made on first use (a first layer never needs it). */
    private double[] dx;
    /** The network's shared dL/dX buffer, or null. */
    private InputGradients.Slot sharedDx;
    private Sequence lastOut;
    private Sequence lastDx;
    /** dL/dy of the backward under way. */
    private double[] outGrad;

    /**
     * @param kind the provider name
     * @param in I
     * @param hidden H
     * @param cell the cell; its biases follow the two weights in the parameter list
     */
    RecurrentLayer(String kind, int in, int hidden, Cell cell) {
        this.kind = kind;
        this.in = in;
        this.hidden = hidden;
        this.cell = cell;
        this.width = cell.gates() * hidden;
        this.wIh = new Weights(Weights.parameter("weight_ih", width, in));
        this.wHh = new Weights(Weights.parameter("weight_hh", width, hidden));
        this.inputBiases = wrap(cell.inputBiases());
        this.recurrentBiases = wrap(cell.recurrentBiases());
        List<Weights> all = new ArrayList<>(List.of(wIh, wHh));
        all.addAll(inputBiases);
        all.addAll(recurrentBiases);
        this.weights = List.copyOf(all);
        List<Parameter> ps = new ArrayList<>();
        for (Weights w : weights) {
            ps.add(w.parameter());
        }
        this.parameters = Collections.unmodifiableList(ps);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return hidden;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int[] stateSizes() {
        int[] sizes = new int[cell.stateBlocks()];
        Arrays.fill(sizes, hidden);
        return sizes;
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        allocate(x.steps(), x.batch());
        loadInitial(initial);
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).load();
        }
        int[] symbols = x.symbols();
        s.read(x, symbols == null ? io.input(x) : null);
        Sequence view = lastOut;
        lastOut = null;
        symbolCoded = symbols != null;
        if (symbolCoded) {
            symbolInput.gather(symbols, wIh.value(), in, width, s.pre);
        }
        for (int t = 0; t < s.steps; t++) {
            k.parallel(s.batch, (long) width * (hidden + in), forwardStep[t]);
        }
        lastOut = io.output(view, s.steps, s.batch, hidden, s.h, x.mask());
        return lastOut;
    }

    /**
     * Forward step t over rows [b0, b1): the rows' input projections and input biases (here
     * rather than over all T*B rows at once, so that a step gets the same bits alone as within
     * its sequence, and it runs on every core while the rows are in cache), the recurrent
     * product, the cell step, and padded rows holding their state.
     */
    private void forwardRows(int t, int b0, int b1) {
        int rows = b1 - b0;
        int gateRow = s.gateRow(t, b0);
        if (!symbolCoded) {
            rowKernels.gemm(false, true, rows, width, in, 1.0, s.inputValues(), (t * s.batch + b0) * in, in,
                    wIh.value(), 0, in, 0.0, s.pre, gateRow, width);
        }
        for (int i = 0; i < inputBiases.size(); i++) { // indexed: no iterator per step
            rowKernels.addRowVector(s.pre, gateRow, rows, inputBiases.get(i).value(), width);
        }
        double beta = cell.keepsRecurrentTermApart() ? 0.0 : 1.0;
        rowKernels.gemm(false, true, rows, width, hidden, 1.0, s.previous(0, t), s.previousRow(t, b0), hidden,
                wHh.value(), 0, hidden, beta, s.recurrent, gateRow, width);
        for (int i = 0; i < recurrentBiases.size(); i++) {
            rowKernels.addRowVector(s.recurrent, gateRow, rows, recurrentBiases.get(i).value(), width);
        }
        cell.forward(s, t, b0, b1);
        if (s.masked()) {
            s.holdPadded(t, b0, b1);
        }
    }

    @Override
    public State finalState() {
        requireForward();
        return s.lastState();
    }

    @Override
    public void copyFinalState(State destination) {
        requireForward();
        s.copyLastState(destination, this);
    }

    private void requireForward() {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
    }

    @Override
    public Sequence backward(Sequence dy) {
        backwardWithoutInputGradient(dy);
        int rows = s.steps * s.batch;
        // the network's shared buffer may be dy's own array: the loop over time has read all of dy
        double[] into = io.sharedInputGradient(sharedDx, rows * in);
        if (into == null) {
            if (dx == null || dx.length != rows * in) {
                dx = new double[rows * in];
            }
            into = dx;
        }
        k.gemm(false, false, rows, in, width, 1.0, s.dPre, 0, width, wIh.value(), 0, in, 0.0, into, 0, in);
        lastDx = io.inputGradient(lastDx, s.steps, s.batch, in, into, s.input().mask());
        return lastDx;
    }

    @Override
    public void share(InputGradients.Slot slot) {
        sharedDx = slot;
    }

    @Override
    public void backwardWithoutInputGradient(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        s.consume(this);
        for (double[] block : s.carried) {
            Arrays.fill(block, 0.0);
        }
        outGrad = io.gradient(dy);
        for (int t = s.steps - 1; t >= 0; t--) {
            k.parallel(s.batch, (long) width * hidden, backwardStep[t]);
        }
        outGrad = null;
        int rows = s.steps * s.batch;
        int batch = s.batch;
        double[] dq = s.dRecurrent;
        if (!symbolCoded) {
            k.gemm(true, false, width, in, rows, 1.0, s.dPre, 0, width, s.inputValues(), 0, in, 1.0, wIh.grad(), 0, in);
        } else {
            symbolInput.scatter(s.input(), s.dPre, in, width, wIh.grad());
        }
        if (s.steps > 1) {
            k.gemm(true, false, width, hidden, rows - batch, 1.0, dq, batch * width, width, s.h, 0, hidden,
                    1.0, wHh.grad(), 0, hidden);
        }
        k.gemm(true, false, width, hidden, batch, 1.0, dq, 0, width, s.initial[0], 0, hidden, 1.0, wHh.grad(), 0,
                hidden);
        for (Weights b : inputBiases) {
            k.addColumnSums(s.dPre, rows, width, b.grad());
        }
        for (Weights b : recurrentBiases) {
            k.addColumnSums(dq, rows, width, b.grad());
        }
    }

    /**
     * Backward step t over rows [b0, b1): adds dL/dy_t to dh, runs the cell backward on each
     * real row, and adds those rows' dQ_t W_hh to dh.
     */
    private void backwardRows(int t, int b0, int b1) {
        double[] dh = s.dh;
        int off = s.stateRow(t, 0);
        for (int j = b0 * hidden; j < b1 * hidden; j++) {
            dh[j] += outGrad[off + j];
        }
        for (int b = b0; b < b1; b++) {
            if (s.active(t, b)) {
                cell.backward(s, t, b);
            } else {
                // Padding: the state passed through unchanged, so do its gradients.
                int row = s.gateRow(t, b);
                Arrays.fill(s.dPre, row, row + width, 0.0);
                Arrays.fill(s.dRecurrent, row, row + width, 0.0);
            }
        }
        rowKernels.gemm(false, false, b1 - b0, hidden, width, 1.0, s.dRecurrent, s.gateRow(t, b0), width,
                wHh.value(), 0, hidden, 1.0, dh, b0 * hidden, hidden);
    }

    @Override
    public State initialStateGradient() {
        return s.carriedState();
    }

    private static List<Weights> wrap(List<Parameter> ps) {
        List<Weights> w = new ArrayList<>();
        for (Parameter p : ps) {
            w.add(new Weights(p));
        }
        return List.copyOf(w);
    }

    private void loadInitial(State initial) {
        if (initial == null) {
            for (double[] block : s.initial) {
                Arrays.fill(block, 0.0);
            }
            return;
        }
        Shapes.requireState(this, initial, s.batch);
        for (int i = 0; i < s.initial.length; i++) {
            Boundary.copy(initial.part(i), 0, s.initial[i], 0, s.batch * hidden);
        }
    }

    private void allocate(int steps, int batch) {
        if (s != null && steps == s.steps && batch == s.batch) {
            return;
        }
        s = new Steps(kind, steps, batch, in, hidden, cell);
        cell.allocate(s);
        forwardStep = new Range[steps];
        backwardStep = new Range[steps];
        for (int t = 0; t < steps; t++) {
            int step = t;
            forwardStep[t] = (b0, b1) -> forwardRows(step, b0, b1);
            backwardStep[t] = (b0, b1) -> backwardRows(step, b0, b1);
        }
        dx = null;
        lastOut = null;
    }
}
