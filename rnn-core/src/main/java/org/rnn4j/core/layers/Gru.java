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
 * The input side gets da = [da_r, da_z, da_n] (dW_ih, db_ih, dx), the recurrent side du
 * (dW_hh, db_hh): the two differ in the n rows, so GRU keeps du in its own buffer.
 */
final class Gru extends RecurrentLayer {

    private final Activation gate;
    private final Activation cell;
    private final Parameter biasIh;
    private final Parameter biasHh;
    private final List<Parameter> inputBiases;

    private double[] act;   // [r z n] of every step, (T*B) x 3H
    private double[] u;     // W_hh h_{t-1} + b_hh of every step, (T*B) x 3H
    private double[] du;    // dL/du, (T*B) x 3H

    Gru(int in, int hidden, Activation gate, Activation cell, boolean withBias) {
        super("gru", in, hidden, 3, 1);
        this.gate = gate;
        this.cell = cell;
        this.biasIh = withBias ? new Parameter("bias_ih", 3 * hidden) : null;
        this.biasHh = withBias ? new Parameter("bias_hh", 3 * hidden) : null;
        this.inputBiases = withBias ? List.of(biasIh) : List.of();
        if (withBias) {
            setBiases(biasIh, biasHh);
        } else {
            setBiases();
        }
    }

    @Override
    List<Parameter> projectionBiases() {
        return inputBiases;
    }

    @Override
    void allocateCell(int rows, int b) {
        act = new double[rows * width];
        u = new double[rows * width];
        du = new double[rows * width];
    }

    @Override
    double[] hiddenGradient() {
        return du;
    }

    @Override
    void extraGradients() {
        if (biasHh != null) {
            k.addColumnSums(du, steps * batch, width, biasHh.grad());
        }
    }

    @Override
    void stepForward(int t, double[] prev, int prevOff, int b0, int b1) {
        int hd = hidden;
        int off = t * batch * width;
        rowKernels.gemm(false, true, b1 - b0, width, hd, 1.0, prev, prevOff + b0 * hd, hd, wHh.value(), 0, hd,
                0.0, u, off + b0 * width, width);
        for (int b = b0; b < b1; b++) {
            if (!active(t, b)) {
                continue;
            }
            int r = off + b * width;
            int s = (t * batch + b) * hd;
            int p = prevOff + b * hd;
            if (biasHh != null) {
                double[] bh = biasHh.value();
                for (int j = 0; j < width; j++) {
                    u[r + j] += bh[j];
                }
            }
            for (int j = 0; j < 2 * hd; j++) {
                pre[r + j] += u[r + j];
            }
            gate.apply(pre, act, r, r + 2 * hd);
            for (int j = 0; j < hd; j++) {
                pre[r + 2 * hd + j] += act[r + j] * u[r + 2 * hd + j];
            }
            cell.apply(pre, act, r + 2 * hd, r + 3 * hd);
            for (int j = 0; j < hd; j++) {
                double z = act[r + hd + j];
                h[s + j] = (1 - z) * act[r + 2 * hd + j] + z * prev[p + j];
            }
        }
    }

    @Override
    void rowBackward(int t, int b) {
        int hd = hidden;
        int r = (t * batch + b) * width;
        int q = b * hd;
        double[] hPrev = previous(h, h0, t);
        int p = previousOffset(t) + q;
        for (int j = 0; j < hd; j++) {
            double z = act[r + hd + j];
            dPre[r + 2 * hd + j] = dh[q + j] * (1 - z);
            dPre[r + hd + j] = dh[q + j] * (hPrev[p + j] - act[r + 2 * hd + j]);
            dh[q + j] *= z;
        }
        cell.backward(pre, act, dPre, r + 2 * hd, r + 3 * hd);
        for (int j = 0; j < hd; j++) {
            dPre[r + j] = dPre[r + 2 * hd + j] * u[r + 2 * hd + j];
            du[r + 2 * hd + j] = dPre[r + 2 * hd + j] * act[r + j];
        }
        gate.backward(pre, act, dPre, r, r + 2 * hd);
        System.arraycopy(dPre, r, du, r, 2 * hd);
    }
}
