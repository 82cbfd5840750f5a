package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;

/**
 * The gated recurrent unit (Cho et al., "Learning Phrase Representations using RNN
 * Encoder-Decoder for Statistical Machine Translation", EMNLP 2014), in PyTorch's torch.nn.GRU
 * form and parameter layout: gates r, z, n packed in that order in {@code weight_ih} (3H x I)
 * and {@code weight_hh} (3H x H), with {@code bias_ih} and {@code bias_hh} (3H each). The
 * reset gate multiplies the whole recurrent term of the candidate, bias included. With gate
 * activation s (sigmoid by default) and candidate activation p (tanh by default), and
 * u = W_hh h_{t-1} + b_hh:
 *
 * <pre>
 *   forward                                    backward (step t; dh = dL/dh_t)
 *   r = s(W_ir x_t + b_ir + u_r)
 *   z = s(W_iz x_t + b_iz + u_z)
 *   n = p(W_in x_t + b_in + r (*) u_n)         da_n = dh (*) (1 - z) (*) p'(a_n)
 *   h_t = (1 - z) (*) n + z (*) h_{t-1}        da_z = dh (*) (h_{t-1} - n) (*) s'(a_z)
 *                                              da_r = da_n (*) u_n (*) s'(a_r)
 *                                              du = [da_r, da_z, da_n (*) r]
 *                                              dh_{t-1} = dh (*) z + W_hh^T du
 * </pre>
 *
 * A row of a and u holds the blocks {@link #reset} (r), {@link #update} (z) and
 * {@link #newGate} (n), H each. Once u_r and u_z are added into a they are not read again, so
 * the activated r and z are kept over them; n has a T B H buffer of its own. The input side gets da = [da_r, da_z, da_n] (dW_ih,
 * db_ih, dx), the recurrent side du (dW_hh, db_hh): the two differ in the n rows, so u and du
 * are kept apart from a and da ({@link Steps#recurrent}; du is written over u as da over a).
 */
final class Gru implements Cell {

    private final Activation gate;
    private final Activation cell;
    private final int hidden;
    private final List<Parameter> inputBiases;
    private final List<Parameter> recurrentBiases;
    /** Offsets of the three blocks within a row of a, u and the activated gates. */
    private final int reset;
    private final int update;
    private final int newGate;

    /** n of every step, (T*B) x H; r and z are kept over u_r and u_z, which only the forward reads. */
    private double[] candidate;

    /**
     * @param hidden H
     * @param gate s, the activation of r and z
     * @param cell p, the candidate's activation
     * @param withBias whether there are biases
     */
    Gru(int hidden, Activation gate, Activation cell, boolean withBias) {
        this.gate = gate;
        this.cell = cell;
        this.hidden = hidden;
        this.inputBiases = withBias ? List.of(Weights.parameter("bias_ih", 3 * hidden)) : List.of();
        this.recurrentBiases = withBias ? List.of(Weights.parameter("bias_hh", 3 * hidden)) : List.of();
        this.reset = 0;
        this.update = hidden;
        this.newGate = 2 * hidden;
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int stateBlocks() {
        return 1;
    }

    @Override
    public List<Parameter> inputBiases() {
        return inputBiases;
    }

    @Override
    public boolean keepsRecurrentTermApart() {
        return true;
    }

    @Override
    public List<Parameter> recurrentBiases() {
        return recurrentBiases;
    }

    @Override
    public void allocate(Steps s) {
        candidate = new double[s.steps * s.batch * hidden];
    }

    @Override
    public void forward(Steps s, int t, int b0, int b1) {
        double[] pre = s.pre;
        double[] u = s.recurrent; // r and z go over u_r and u_z once these are added into a
        double[] n = candidate;
        double[] hPrev = s.previous(0, t);
        for (int b = b0; b < b1; b++) {
            if (!s.active(t, b)) {
                continue;
            }
            int row = s.gateRow(t, b);
            int stateRow = s.stateRow(t, b);
            int prevRow = s.previousRow(t, b);
            for (int j = 0; j < 2 * hidden; j++) {
                pre[row + j] += u[row + j]; // the r and z blocks
            }
            gate.apply(pre, u, row + reset, row + newGate); // r and z
            for (int j = 0; j < hidden; j++) {
                pre[row + newGate + j] += u[row + reset + j] * u[row + newGate + j];
            }
            System.arraycopy(pre, row + newGate, n, stateRow, hidden);
            cell.apply(n, n, stateRow, stateRow + hidden);
            for (int j = 0; j < hidden; j++) {
                double z = u[row + update + j];
                s.h[stateRow + j] = (1 - z) * n[stateRow + j] + z * hPrev[prevRow + j];
            }
        }
    }

    @Override
    public void backward(Steps s, int t, int b) {
        double[] da = s.rowGrad; // da_t, row b at scratch
        double[] u = s.recurrent; // r and z, then u_n
        double[] du = s.dRecurrent; // u itself: du_t is written over u_t once u_t has been read
        double[] n = candidate;
        double[] dh = s.dh;
        double[] hPrev = s.previous(0, t);
        int row = s.gateRow(t, b);
        int stateRow = s.stateRow(t, b);
        int prevRow = s.previousRow(t, b);
        int carriedRow = b * hidden;
        int scratch = s.scratchRow(b);
        for (int j = 0; j < hidden; j++) {
            double z = u[row + update + j];
            da[scratch + newGate + j] = dh[carriedRow + j] * (1 - z);
            da[scratch + update + j] = dh[carriedRow + j] * (hPrev[prevRow + j] - n[stateRow + j]);
            dh[carriedRow + j] *= z;
        }
        s.activationBackward(cell, s.pre, row + newGate, n, stateRow, scratch + newGate, hidden);
        for (int j = 0; j < hidden; j++) {
            da[scratch + reset + j] = da[scratch + newGate + j] * u[row + newGate + j];
            du[row + newGate + j] = da[scratch + newGate + j] * u[row + reset + j]; // after u_n's last read
        }
        s.activationBackward(gate, s.pre, row + reset, u, row + reset, scratch + reset, 2 * hidden); // r and z
        System.arraycopy(da, scratch, du, row, 2 * hidden); // du_r = da_r, du_z = da_z, over r and z
        s.storeGateGradients(t, b);
    }
}
