package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;

/**
 * The long short-term memory cell (Hochreiter and Schmidhuber, "Long Short-Term Memory",
 * Neural Computation 9(8), 1997; with the forget gate of Gers, Schmidhuber and Cummins,
 * "Learning to Forget: Continual Prediction with LSTM", Neural Computation 12(10), 2000), in
 * PyTorch's torch.nn.LSTM form and parameter layout: gates i, f, g, o packed in that order in
 * {@code weight_ih} (4H x I) and {@code weight_hh} (4H x H), separate {@code bias_ih} and
 * {@code bias_hh} (4H each, both added). With gate activation s (sigmoid by default) and cell
 * activation p (tanh by default):
 *
 * <pre>
 *   forward                                    backward (step t; dh = dL/dh_t, dc = dL/dc_t from t+1)
 *   a = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i = s(a_i)  f = s(a_f)  g = p(a_g)  o = s(a_o)
 *   c_t = f (*) c_{t-1} + i (*) g              dc' = dc + dh (*) o (*) p'(c_t)
 *   h_t = o (*) p(c_t)                         da_o = dh (*) p(c_t) (*) s'(a_o)
 *                                              da_i = dc' (*) g (*) s'(a_i)
 *                                              da_f = dc' (*) c_{t-1} (*) s'(a_f)
 *                                              da_g = dc' (*) i (*) p'(a_g)
 *                                              dc_{t-1} = dc' (*) f
 *                                              dh_{t-1} = W_hh^T da
 * </pre>
 *
 * A row of a (and of the activated gates) holds the blocks {@link #inputGate} (i),
 * {@link #forgetGate} (f), {@link #cellCandidate} (g) and {@link #outputGate} (o), H each. The
 * state is two blocks, (h, c); a padded step keeps both. The weight and bias gradients are
 * GEMMs over all steps ({@link RecurrentLayer}); db_ih = db_hh = sum_t da_t.
 */
final class Lstm implements Cell {

    private final Activation gate;
    private final Activation cell;
    private final int hidden;
    private final List<Parameter> biases;
    /** Offsets of the four blocks within a row of a. */
    private final int inputGate;
    private final int forgetGate;
    private final int cellCandidate;
    private final int outputGate;

    private double[] act;       // [i f g o] of every step, (T*B) x 4H
    private double[] squashed;  // p(c_t) of every step, (T*B) x H

    /**
     * @param hidden H
     * @param gate s, the gates' activation
     * @param cell p, the candidate's and c's activation
     * @param withBias whether there are biases
     */
    Lstm(int hidden, Activation gate, Activation cell, boolean withBias) {
        this.gate = gate;
        this.cell = cell;
        this.hidden = hidden;
        this.biases = withBias
                ? List.of(Weights.parameter("bias_ih", 4 * hidden), Weights.parameter("bias_hh", 4 * hidden))
                : List.of();
        this.inputGate = 0;
        this.forgetGate = hidden;
        this.cellCandidate = 2 * hidden;
        this.outputGate = 3 * hidden;
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public int stateBlocks() {
        return 2;
    }

    @Override
    public List<Parameter> inputBiases() {
        return biases;
    }

    @Override
    public void allocate(Steps s) {
        int rows = s.steps * s.batch;
        act = new double[rows * s.width];
        squashed = new double[rows * hidden];
    }

    @Override
    public void forward(Steps s, int t, int b0, int b1) {
        double[] c = s.history[1];
        double[] cPrev = s.previous(1, t);
        for (int b = b0; b < b1; b++) {
            if (!s.active(t, b)) {
                continue;
            }
            int row = s.gateRow(t, b);
            int stateRow = s.stateRow(t, b);
            int prevRow = s.previousRow(t, b);
            gate.apply(s.pre, act, row + inputGate, row + cellCandidate); // i and f
            cell.apply(s.pre, act, row + cellCandidate, row + outputGate);
            gate.apply(s.pre, act, row + outputGate, row + 4 * hidden);
            for (int j = 0; j < hidden; j++) {
                c[stateRow + j] = act[row + forgetGate + j] * cPrev[prevRow + j]
                        + act[row + inputGate + j] * act[row + cellCandidate + j];
            }
            cell.apply(c, squashed, stateRow, stateRow + hidden);
            for (int j = 0; j < hidden; j++) {
                s.h[stateRow + j] = act[row + outputGate + j] * squashed[stateRow + j];
            }
        }
    }

    @Override
    public void backward(Steps s, int t, int b) {
        double[] da = s.rowGrad; // da_t, row b at scratch, then the gradient at p(c_t)
        double[] dh = s.dh;
        double[] dc = s.carried[1];
        double[] c = s.history[1];
        double[] cPrev = s.previous(1, t);
        int row = s.gateRow(t, b);
        int stateRow = s.stateRow(t, b);
        int prevRow = s.previousRow(t, b);
        int carriedRow = b * hidden;
        int scratch = s.scratchRow(b);
        int dSquashed = scratch + 4 * hidden; // dh (*) o, then times p'(c_t)
        for (int j = 0; j < hidden; j++) {
            da[scratch + outputGate + j] = dh[carriedRow + j] * squashed[stateRow + j];
            da[dSquashed + j] = dh[carriedRow + j] * act[row + outputGate + j];
            dh[carriedRow + j] = 0.0;
        }
        s.activationBackward(cell, c, stateRow, squashed, stateRow, dSquashed, hidden);
        for (int j = 0; j < hidden; j++) {
            double dct = dc[carriedRow + j] + da[dSquashed + j];
            da[scratch + inputGate + j] = dct * act[row + cellCandidate + j];
            da[scratch + forgetGate + j] = dct * cPrev[prevRow + j];
            da[scratch + cellCandidate + j] = dct * act[row + inputGate + j];
            dc[carriedRow + j] = dct * act[row + forgetGate + j];
        }
        s.activationBackward(gate, s.pre, row + inputGate, act, row + inputGate, scratch + inputGate,
                2 * hidden); // i and f
        s.activationBackward(cell, s.pre, row + cellCandidate, act, row + cellCandidate, scratch + cellCandidate,
                hidden);
        s.activationBackward(gate, s.pre, row + outputGate, act, row + outputGate, scratch + outputGate, hidden);
        s.storeGateGradients(t, b);
    }
}
