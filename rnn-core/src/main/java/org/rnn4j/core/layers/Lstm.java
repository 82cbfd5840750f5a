package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;

/**
 * The long short-term memory layer (Hochreiter and Schmidhuber, "Long Short-Term Memory",
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
 * The state is two blocks, (h, c); a padded step keeps both. The weight and bias gradients
 * are GEMMs over all steps ({@link RecurrentLayer}); db_ih = db_hh = sum_t da_t.
 */
final class Lstm extends RecurrentLayer {

    private final Activation gate;
    private final Activation cell;
    private final List<Parameter> biases;

    private double[] act;   // [i f g o] of every step, (T*B) x 4H
    private double[] c;     // c_t of every step, (T*B) x H
    private double[] pc;    // p(c_t) of every step, (T*B) x H
    private double[] dpc;   // scratch, (T*B) x H: dh (*) o, then times p'(c_t)
    private double[] c0;    // c_{-1}, B x H
    private double[] dc;    // dL/dc carried backwards, B x H

    Lstm(int in, int hidden, Activation gate, Activation cell, boolean withBias) {
        super("lstm", in, hidden, 4, 2);
        this.gate = gate;
        this.cell = cell;
        this.biases = withBias
                ? List.of(new Parameter("bias_ih", 4 * hidden), new Parameter("bias_hh", 4 * hidden))
                : List.of();
        setBiases(biases.toArray(new Parameter[0]));
    }

    @Override
    List<Parameter> projectionBiases() {
        return biases;
    }

    @Override
    void allocateCell(int rows, int b) {
        act = new double[rows * width];
        c = new double[rows * hidden];
        pc = new double[rows * hidden];
        dpc = new double[rows * hidden];
        c0 = new double[b * hidden];
        dc = new double[b * hidden];
    }

    @Override
    double[][] initialBlocks() {
        return new double[][] {h0, c0};
    }

    @Override
    double[][] stateBlocks() {
        return new double[][] {h, c};
    }

    @Override
    double[][] gradientBlocks() {
        return new double[][] {dh, dc};
    }

    @Override
    void stepForward(int t, double[] prev, int prevOff, int b0, int b1) {
        int hd = hidden;
        rowKernels.gemm(false, true, b1 - b0, width, hd, 1.0, prev, prevOff + b0 * hd, hd, wHh.value(), 0, hd,
                1.0, pre, (t * batch + b0) * width, width);
        double[] cPrev = previous(c, c0, t);
        for (int b = b0; b < b1; b++) {
            if (!active(t, b)) {
                continue;
            }
            int r = (t * batch + b) * width;
            int s = (t * batch + b) * hd;
            int p = prevOff + b * hd;
            gate.apply(pre, act, r, r + 2 * hd);
            cell.apply(pre, act, r + 2 * hd, r + 3 * hd);
            gate.apply(pre, act, r + 3 * hd, r + 4 * hd);
            for (int j = 0; j < hd; j++) {
                c[s + j] = act[r + hd + j] * cPrev[p + j] + act[r + j] * act[r + 2 * hd + j];
            }
            cell.apply(c, pc, s, s + hd);
            for (int j = 0; j < hd; j++) {
                h[s + j] = act[r + 3 * hd + j] * pc[s + j];
            }
        }
    }

    @Override
    void rowBackward(int t, int b) {
        int hd = hidden;
        int r = (t * batch + b) * width;
        int s = (t * batch + b) * hd;
        int q = b * hd;
        double[] cPrev = previous(c, c0, t);
        int p = previousOffset(t) + q;
        for (int j = 0; j < hd; j++) {
            dPre[r + 3 * hd + j] = dh[q + j] * pc[s + j];
            dpc[s + j] = dh[q + j] * act[r + 3 * hd + j];
            dh[q + j] = 0.0;
        }
        cell.backward(c, pc, dpc, s, s + hd);
        for (int j = 0; j < hd; j++) {
            double dct = dc[q + j] + dpc[s + j];
            dPre[r + j] = dct * act[r + 2 * hd + j];
            dPre[r + hd + j] = dct * cPrev[p + j];
            dPre[r + 2 * hd + j] = dct * act[r + j];
            dc[q + j] = dct * act[r + hd + j];
        }
        gate.backward(pre, act, dPre, r, r + 2 * hd);
        cell.backward(pre, act, dPre, r + 2 * hd, r + 3 * hd);
        gate.backward(pre, act, dPre, r + 3 * hd, r + 4 * hd);
    }
}
